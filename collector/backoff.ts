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

/** Longest wait a Retry-After header may impose; beyond it we still try again. */
const RETRY_AFTER_CAP_MS = 60_000;

/**
 * The wait a 429's `Retry-After` asks for (delta-seconds or an HTTP date, RFC 9110 §10.2.3),
 * in ms; null when absent or unreadable.
 */
export function retryAfterMs(header: unknown, now = Date.now()): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== "string" || value.trim() === "") return null;
  const text = value.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms));
}
