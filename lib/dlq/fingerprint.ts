import { createHash } from "node:crypto";
import { z } from "zod";
import type { Event } from "../events/event";
import { lastHeader } from "../events/headers";
import { CAUSE_CLASS_HEADERS, rootCause, STACK_HEADERS } from "../envelope/root-cause";

/**
 * What makes two dead letters "the same failure": the DLQ topic, the root cause's error class
 * and its message with everything record-specific (numbers, ids, quoted values but not quoted
 * words) taken out.
 */
export const DeadLetterGroupKey = z.object({
  fingerprint: z.string(),
  errorClass: z.string().nullable(),
  /** The normalised root-cause message, shown as the group's title. */
  message: z.string(),
});
export type DeadLetterGroupKey = z.infer<typeof DeadLetterGroupKey>;

const PLACEHOLDER = "<*>";

/**
 * A quoted word or name (`"schema"`, `'eu-west'`, `"colour"`) belongs to the message's shape and
 * stays; quoted text holding digits, spaces or other punctuation is a record's value and goes.
 */
const QUOTED_WORD = /^[A-Za-z_$][A-Za-z_$.-]*$/;

function maskQuotedValue(quoted: string, before: string, inner: string): string {
  return QUOTED_WORD.test(inner) ? quoted : `${before}${PLACEHOLDER}`;
}

/** Removes what differs between records of one failure, keeping the words that describe it. */
export function normaliseMessage(message: string | null): string {
  if (!message) return "";
  const firstLines = message.split("\n").slice(0, 3).join(" ");
  return (
    firstLines
      // Quoted text: opening quote after a non-word character, so "don't" stays a word.
      .replace(/(^|[^\w])'([^'\n]*)'/g, maskQuotedValue)
      .replace(/(^|[^\w])"([^"\n]*)"/g, maskQuotedValue)
      .replace(/(^|[^\w])`([^`\n]*)`/g, maskQuotedValue)
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, PLACEHOLDER)
      // Any token holding a digit: numbers, amounts, offsets, hex and prefixed ids.
      .replace(/[\w.:/+-]*\d[\w.:/+-]*/g, PLACEHOLDER)
      // A bracketed detail listing record values says nothing about the kind of failure.
      .replace(/\(([^()]*)\)/g, (all, inner: string) =>
        inner.includes(PLACEHOLDER) ? `(${PLACEHOLDER})` : all,
      )
      .replace(/\[([^[\]]*)\]/g, (all, inner: string) =>
        inner.includes(PLACEHOLDER) ? `[${PLACEHOLDER}]` : all,
      )
      .replace(/(?:<\*>[\s,;|]*)+<\*>/g, PLACEHOLDER)
      .replace(/\s+/g, " ")
      .trim()
  );
}

function firstHeader(headers: Event["headers"], names: readonly string[]): string | null {
  for (const name of names) {
    const value = lastHeader(headers, name);
    if (value) return value;
  }
  return null;
}

/** The group key of a dead-lettered event; null for events that are not dead letters. */
export function deadLetterGroupKey(event: Event): DeadLetterGroupKey | null {
  if (!event.dlq) return null;
  const stack = event.dlq.errorStack ?? firstHeader(event.headers, STACK_HEADERS);
  const cause = rootCause(
    { errorClass: event.dlq.errorClass, message: event.dlq.errorMessage },
    stack,
    firstHeader(event.headers, CAUSE_CLASS_HEADERS),
  );
  const message = normaliseMessage(cause.message);
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([event.topic, cause.errorClass, message]))
    .digest("hex")
    .slice(0, 24);
  return { fingerprint, errorClass: cause.errorClass, message };
}
