/**
 * Pure shaping of our rows into uPlot's aligned-data layout: one shared x array (epoch seconds,
 * uPlot's default time unit) and one y array per series, with null where a series has no sample
 * so uPlot leaves a gap instead of drawing a false zero.
 */
export type Aligned = [xs: number[], ...ys: (number | null)[][]];

export interface HistoryRow {
  t: string;
  partitions: readonly { partition: number; lag: number | null; lagSeconds: number | null }[];
}

/** Partitions in draw order: healthy first and problems last, so uPlot paints problems on top. */
export function orderPartitions(
  history: readonly HistoryRow[],
  problems: ReadonlySet<number>,
): number[] {
  return [...new Set(history.flatMap((h) => h.partitions.map((p) => p.partition)))].sort(
    (a, b) => Number(problems.has(a)) - Number(problems.has(b)) || a - b,
  );
}

/** Lag history → aligned arrays, one y array per partition in the given order. */
export function historyToAligned(
  history: readonly HistoryRow[],
  metric: "lag" | "lagSeconds",
  partitions: readonly number[],
): Aligned {
  const rows = [...history].sort((a, b) => Date.parse(a.t) - Date.parse(b.t));
  const xs = rows.map((h) => Date.parse(h.t) / 1000);
  const ys = partitions.map((partition) =>
    rows.map((h) => h.partitions.find((p) => p.partition === partition)?.[metric] ?? null),
  );
  return [xs, ...ys];
}

/** Evenly spaced samples (a sparkline) over [from, to] → aligned arrays. */
export function valuesToAligned(
  values: readonly (number | null)[],
  times?: readonly string[],
): Aligned {
  const xs = values.map((_, i) => {
    const t = times?.[i];
    return t === undefined ? i : Date.parse(t) / 1000;
  });
  return [xs, [...values]];
}

/** Counts per equal time bucket over [from, to] → aligned arrays at each bucket's start. */
export function bucketsToAligned(counts: readonly number[], from: string, to: string): Aligned {
  const start = Date.parse(from);
  const width = Math.max(1, Math.ceil((Date.parse(to) - start) / Math.max(1, counts.length)));
  return [counts.map((_, i) => (start + i * width) / 1000), [...counts]];
}

export interface TimeRange {
  min: number;
  max: number;
}

/**
 * The x range a drag selected, given the plot-pixel edges of the selection and a pixel → value
 * mapping. A drag too narrow to mean a range (a click) selects nothing.
 */
export function selectionToRange(
  left: number,
  width: number,
  posToVal: (px: number) => number,
  minWidthPx = 3,
): TimeRange | null {
  if (width < minWidthPx) return null;
  const a = posToVal(left);
  const b = posToVal(left + width);
  return { min: Math.min(a, b), max: Math.max(a, b) };
}

/** The full x extent of the data, or null when there is nothing to show. */
export function dataExtent(xs: readonly number[]): TimeRange | null {
  if (xs.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max: max === min ? min + 1 : max };
}

/** Exact legend/tooltip text of an x value (epoch seconds) in UTC. */
export function formatTime(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  return new Date(seconds * 1000).toISOString().replace("T", " ").slice(0, 19) + " UTC";
}

/** Exact legend/tooltip text of a y value: the number itself, not a rounded tick. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${value.toLocaleString("en-US")} ${unit}`;
}
