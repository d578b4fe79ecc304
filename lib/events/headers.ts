import type { Header } from "./event";

/**
 * The value of a header, matching its name case-insensitively. Of a repeated header it is the
 * last value, the one frameworks read (Spring appends `retry_topic-attempts` on every hop).
 */
export function lastHeader(headers: readonly Header[], name: string): string | null {
  const wanted = name.toLowerCase();
  for (let i = headers.length - 1; i >= 0; i--) {
    const header = headers[i];
    if (header && header.key.toLowerCase() === wanted) return header.value;
  }
  return null;
}

/**
 * Headers as the kafkajs producer takes them: a repeated name becomes an array of its values in
 * order, so a replay carries every value.
 */
export function producerHeaders(headers: readonly Header[]): Record<string, string | string[]> {
  const byName: Record<string, string | string[]> = {};
  for (const { key, value } of headers) {
    const seen = byName[key];
    byName[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return byName;
}
