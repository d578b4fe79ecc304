/**
 * The innermost cause of a failure, as Java, Spring and .NET write nested exceptions into a
 * message or stack trace. Dead letters name the root cause's class, which people search for,
 * beside the wrapper a framework put around it.
 */
export type Cause = { errorClass: string | null; message: string | null };

const QUALIFIED_CLASS = String.raw`[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*`;
const CAUSE_LINE = new RegExp(String.raw`^(${QUALIFIED_CLASS})(?::\s?(.*))?$`);

/** Stack and message markers after which the next (inner) cause is written. */
const CAUSE_MARKERS = [/^\s*Caused by:\s*/gm, /;\s*nested exception is\s*/g, /\s*--->\s*/g];

/** Headers in which Spring carries the stack trace and the inner cause's class. */
export const STACK_HEADERS = ["kafka_dlt-exception-stacktrace", "kafka_exception-stacktrace"];
export const CAUSE_CLASS_HEADERS = ["kafka_dlt-exception-cause-fqcn", "kafka_exception-cause-fqcn"];

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
