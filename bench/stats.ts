/** Small pure helpers for the benchmarks' figures. */

/** The value at quantile `q` (0..1) of `sorted` (ascending), nearest-rank; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : Number.NaN;
}

/** Reads `VmHWM` (peak resident set) out of a /proc/<pid>/status text, in bytes. */
export function peakRssFromStatus(status: string): number | null {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match?.[1] ? Number(match[1]) * 1024 : null;
}

/**
 * CPU seconds (user + system) out of a /proc/<pid>/stat line. The command name is in parentheses
 * and may hold spaces, so fields are counted after its closing parenthesis. The kernel reports
 * them in USER_HZ ticks, which are 100 a second on every Linux ABI.
 */
export function cpuSecondsFromStat(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) && fields.length > 13
    ? (user + system) / 100
    : null;
}

/** Reads one unlabelled counter or gauge out of a Prometheus text exposition. */
export function metricValue(exposition: string, name: string): number | null {
  const match = new RegExp(`^${name} (\\S+)$`, "m").exec(exposition);
  return match?.[1] ? Number(match[1]) : null;
}

export function formatRate(perSecondValue: number): string {
  return `${Math.round(perSecondValue).toLocaleString("en-US")}/s`;
}

export function formatBytes(bytes: number | null): string {
  return bytes === null ? "n/a (no /proc)" : `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export function formatMs(ms: number): string {
  if (ms === Infinity) return "never";
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** "N bulk requests, mean X ms, Y docs each" out of the collector's /metrics text. */
export function bulkSummary(exposition: string): string {
  // Named as a histogram in newer collectors, as two counters in older ones.
  const requests =
    metricValue(exposition, "causeway_bulk_request_duration_seconds_count") ??
    metricValue(exposition, "causeway_bulk_requests_total");
  const seconds =
    metricValue(exposition, "causeway_bulk_request_duration_seconds_sum") ??
    metricValue(exposition, "causeway_bulk_seconds_sum");
  const records = metricValue(exposition, "causeway_records_indexed_total");
  if (!requests || seconds === null || records === null) return "no bulk requests";
  return `${requests} bulk requests, mean ${formatMs((seconds * 1000) / requests)}, ${Math.round(records / requests)} records each`;
}

/**
 * The upper bound of the histogram bucket that holds quantile `q` (0..1) of a Prometheus
 * histogram in a text exposition: "at most this", as precise as the buckets are.
 */
export function histogramQuantileBound(exposition: string, name: string, q: number): number | null {
  const buckets = [
    ...exposition.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\S+)$`, "gm")),
  ]
    .map((match) => ({ bound: Number(match[1]), count: Number(match[2]) }))
    .sort((a, b) => a.bound - b.bound);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return null;
  return buckets.find((bucket) => bucket.count >= q * total)?.bound ?? null;
}
