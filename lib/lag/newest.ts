import type { LagOverview, LagRow } from "./views";

/**
 * Polling can deliver an older answer after a newer one (a slow request overtaken by the next).
 * Merging keeps, per row, whichever sample is newer, so no number ever steps back in time.
 */
export function keepNewest(previous: LagOverview | undefined, next: LagOverview): LagOverview {
  if (!previous) return next;
  if (Date.parse(previous.generatedAt) > Date.parse(next.generatedAt)) return previous;
  const before = new Map(previous.rows.map((row) => [rowKey(row), row]));
  return {
    ...next,
    rows: next.rows.map((row) => {
      const old = before.get(rowKey(row));
      return old && Date.parse(old.sampledAt) > Date.parse(row.sampledAt) ? old : row;
    }),
  };
}

function rowKey(row: LagRow): string {
  return `${row.group}\u0000${row.topic}`;
}
