/** A tiny bar chart of dead letters per time bucket, drawn as SVG. */
export function Trend({ counts }: { counts: readonly number[] }) {
  const max = Math.max(1, ...counts);
  const barWidth = 3;
  const height = 18;
  return (
    <svg
      width={counts.length * (barWidth + 1)}
      height={height}
      role="img"
      aria-label={`trend: ${counts.join(", ")}`}
    >
      {counts.map((count, index) => {
        const barHeight = count === 0 ? 1 : Math.max(2, (count / max) * height);
        return (
          <rect
            key={index}
            x={index * (barWidth + 1)}
            y={height - barHeight}
            width={barWidth}
            height={barHeight}
            className={count === 0 ? "fill-slate-200" : "fill-red-500"}
          />
        );
      })}
    </svg>
  );
}
