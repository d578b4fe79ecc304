import { createHash } from "node:crypto";
import { z } from "zod";
import type { Event } from "../events/event";

/**
 * What makes two dead letters "the same failure": the DLQ topic, the root cause's error class
 * and its message with everything record-specific (numbers, ids, quoted values) taken out.
 */
export const DeadLetterGroupKey = z.object({
  fingerprint: z.string(),
  errorClass: z.string().nullable(),
  /** The normalised root-cause message, shown as the group's title. */
  message: z.string(),
});
export type DeadLetterGroupKey = z.infer<typeof DeadLetterGroupKey>;

export type Cause = { errorClass: string | null; message: string | null };

const PLACEHOLDER = "<*>";
const QUALIFIED_CLASS = String.raw`[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*`;
const CAUSE_LINE = new RegExp(String.raw`^(${QUALIFIED_CLASS})(?::\s?(.*))?$`);

/** Stack and message markers after which the next (inner) cause is written. */
const CAUSE_MARKERS = [/^\s*Caused by:\s*/gm, /;\s*nested exception is\s*/g, /\s*--->\s*/g];

/** Headers in which frameworks carry the exception text, stack or inner cause. */
const STACK_HEADERS = ["kafka_dlt-exception-stacktrace", "kafka_exception-stacktrace"];
const CAUSE_CLASS_HEADERS = ["kafka_dlt-exception-cause-fqcn", "kafka_exception-cause-fqcn"];

/**
 * Follows "Caused by:", "; nested exception is" and .NET's " ---> " to the innermost cause
 * written in the message or stack trace; falls back to the outer class and message.
 */
export function rootCause(outer: Cause, stack: string | null, causeClass: string | null): Cause {
  let root: Cause = { errorClass: causeClass ?? outer.errorClass, message: outer.message };
  for (const text of [outer.message, stack]) {
    const inner = innermostCause(text);
    if (inner) root = inner;
  }
  return root;
}

function innermostCause(text: string | null): Cause | null {
  if (!text) return null;
  let last: { index: number; length: number } | null = null;
  for (const marker of CAUSE_MARKERS) {
    for (const match of text.matchAll(marker)) {
      if (!last || match.index > last.index) last = { index: match.index, length: match[0].length };
    }
  }
  if (!last) return null;
  const line =
    text
      .slice(last.index + last.length)
      .split("\n")[0]
      ?.trim() ?? "";
  const parsed = CAUSE_LINE.exec(line.replace(/;\s*$/, ""));
  // "Caused by: x: y" with x not a class name is prose; keep the whole line as the message.
  if (!parsed) return { errorClass: null, message: line };
  return { errorClass: parsed[1] ?? null, message: parsed[2] ?? "" };
}

/** Removes what differs between records of one failure, keeping the words that describe it. */
export function normaliseMessage(message: string | null): string {
  if (!message) return "";
  const firstLines = message.split("\n").slice(0, 3).join(" ");
  return (
    firstLines
      // Quoted values: opening quote after a non-word character, so "don't" stays a word.
      .replace(/(^|[^\w])'[^'\n]*'/g, `$1${PLACEHOLDER}`)
      .replace(/(^|[^\w])"[^"\n]*"/g, `$1${PLACEHOLDER}`)
      .replace(/(^|[^\w])`[^`\n]*`/g, `$1${PLACEHOLDER}`)
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

function firstHeader(headers: Record<string, string>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = headers[name];
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
