import type { HistoryPoint } from "@/lib/lag/views";

const WIDTH = 800;
const HEIGHT = 220;
const PAD = { left: 56, right: 32, top: 10, bottom: 24 };
const PALETTE = [
  "#0284c7",
  "#16a34a",
  "#9333ea",
  "#ea580c",
  "#0891b2",
  "#be123c",
  "#4d7c0f",
  "#a16207",
];

export type LagMetric = "lag" | "lagSeconds";

/**
 * Lag of each partition over time, hand-drawn in SVG. Problem partitions are drawn thicker and
 * on top, so the lines that matter are the ones seen.
 */
export function LagChart({
  history,
  metric,
  from,
  to,
  problems,
}: {
  history: readonly HistoryPoint[];
  metric: LagMetric;
  from: number;
  to: number;
  problems: ReadonlySet<number>;
}) {
  const partitions = [
    ...new Set(history.flatMap((h) => h.partitions.map((p) => p.partition))),
  ].sort((a, b) => Number(problems.has(a)) - Number(problems.has(b)) || a - b);
  const values = history.flatMap((h) => h.partitions.map((p) => p[metric] ?? 0));
  const max = niceMax(Math.max(1, ...values));
  const x = (t: number) =>
    PAD.left + ((t - from) / Math.max(1, to - from)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - (v / max) * (HEIGHT - PAD.top - PAD.bottom);
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => from + f * (to - from));
  const unit = metric === "lag" ? "messages" : "seconds";

  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full"
        role="img"
        aria-label={`lag in ${unit} per partition over time`}
        data-testid="lag-chart"
        data-metric={metric}
      >
        {yTicks.map((v) => (
          <g key={`y${v}`}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize={10} fill="#64748b">
              {formatTick(v)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text
            key={`x${t}`}
            x={x(t)}
            y={HEIGHT - 6}
            textAnchor="middle"
            fontSize={10}
            fill="#64748b"
          >
            {new Date(t).toISOString().slice(11, 19)}
          </text>
        ))}
        {partitions.map((partition) => {
          const points = history.flatMap((h) => {
            const p = h.partitions.find((row) => row.partition === partition);
            const v = p?.[metric];
            return v === null || v === undefined
              ? []
              : [`${x(Date.parse(h.t)).toFixed(1)},${y(v).toFixed(1)}`];
          });
          const problem = problems.has(partition);
          return (
            <polyline
              key={partition}
              data-testid="lag-chart-line"
              data-partition={partition}
              points={points.join(" ")}
              fill="none"
              stroke={PALETTE[partition % PALETTE.length]}
              strokeWidth={problem ? 2.5 : 1.25}
            />
          );
        })}
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-3 text-xs text-slate-500">
        <span>{unit}, UTC</span>
        {partitions.map((partition) => (
          <span key={partition} className="inline-flex items-center gap-1">
            <span
              className="inline-block h-2 w-3 rounded-sm"
              style={{ background: PALETTE[partition % PALETTE.length] }}
            />
            partition {partition}
            {problems.has(partition) ? " (problem)" : ""}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function niceMax(v: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(v));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= v) ?? 10;
  return step * magnitude;
}

function formatTick(v: number): string {
  if (v >= 1_000_000) return `${(v / 1_000_000).toFixed(1)}M`;
  if (v >= 1_000) return `${(v / 1_000).toFixed(1)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
