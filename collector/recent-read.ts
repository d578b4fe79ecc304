/**
 * Wraps a read so that callers within `maxAgeMs` of its last answer get that answer, and callers
 * while it runs share the one in flight. A scrape every 100 ms (or several Prometheus servers)
 * then asks the broker once a second instead of once per scrape.
 */
export function recentRead<T>(
  read: () => Promise<T>,
  maxAgeMs: number,
  now: () => number = Date.now,
): () => Promise<T> {
  let last: { at: number; value: T } | null = null;
  let inFlight: Promise<T> | null = null;
  return () => {
    if (last && now() - last.at < maxAgeMs) return Promise.resolve(last.value);
    inFlight ??= read()
      .then((value) => {
        last = { at: now(), value };
        return value;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
}
