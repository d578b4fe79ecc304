/** NServiceBus's wire format for dates: `yyyy-MM-dd HH:mm:ss:ffffff Z`, always UTC. */
const NSERVICEBUS_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}):(\d{1,7}) Z$/;

/**
 * A time as producers write it: ISO 8601 (any number of fraction digits), epoch milliseconds,
 * or NServiceBus's wire format. Null when it cannot be read.
 */
export function parseTime(text: string): Date | null {
  const trimmed = text.trim();
  const nsb = NSERVICEBUS_TIME.exec(trimmed);
  const candidate = nsb
    ? new Date(`${nsb[1]}T${nsb[2]}.${nsb[3]}Z`)
    : new Date(/^\d+$/.test(trimmed) ? Number(trimmed) : trimmed);
  // Elasticsearch's date fields take four-digit years only; anything else is not a real time.
  const year = candidate.getUTCFullYear();
  return Number.isFinite(candidate.getTime()) && year >= 1 && year <= 9999 ? candidate : null;
}

export function isoTime(text: string | null): string | null {
  return text === null ? null : (parseTime(text)?.toISOString() ?? null);
}
