/** A small trend line of a series' total lag; the last point is marked. */
export function Sparkline({
  values,
  stroke,
  width = 120,
  height = 28,
}: {
  values: readonly number[];
  stroke: string;
  width?: number;
  height?: number;
}) {
  if (values.length === 0) return <span className="text-xs text-slate-400">no samples</span>;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const last = values[values.length - 1] ?? 0;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`lag trend, last ${last} messages, peak ${max}`}
      data-testid="lag-sparkline"
    >
      <polyline points={points} fill="none" stroke={stroke} strokeWidth={1.5} />
      <circle cx={(values.length - 1) * step} cy={y(last)} r={2} fill={stroke} />
    </svg>
  );
}
