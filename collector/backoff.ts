/**
 * Exponential backoff with full jitter (AWS architecture blog's recipe), so many collectors
 * waiting on one Elasticsearch do not retry in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const baseMs = 200;
  const capMs = 15_000;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
