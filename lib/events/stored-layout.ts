import { isDeepStrictEqual } from "node:util";
import { Event } from "./event";

/**
 * How an event's value is stored. `raw` is the one stored copy of the value (text, or `base64:`
 * for binary). `payload` joins it in `_source` only when it cannot be worked out from `raw`:
 * an envelope's inner body, a value decoded through a schema registry, a value whose raw text
 * was cut. Documents written before this layout always carry `payload`; both read the same.
 * Search reads `raw`'s words; `payloadFields` indexes only the payload's values those lack.
 */

/** The payload a document leaves out: the raw text parsed as JSON, else null. */
export function payloadFromRaw(raw: string | null): unknown {
  if (raw === null || raw.startsWith("base64:")) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

/**
 * What a document keeps of the payload: nothing when it is the raw value parsed, the key it sits
 * under when it is one member of that (the body of a `{"payload": …}` envelope), else the payload.
 * Checked on the values themselves rather than trusted from how the decoder got them, so no
 * decoder can make a document lose its payload.
 */
export function storedPayload(event: Pick<Event, "payload" | "raw">): {
  payload?: unknown;
  payloadAt?: string;
} {
  const parsed = payloadFromRaw(event.raw);
  if (isDeepStrictEqual(event.payload, parsed)) return {};
  if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
    for (const [key, member] of Object.entries(parsed)) {
      if (isDeepStrictEqual(member, event.payload)) return { payloadAt: key };
    }
  }
  return { payload: event.payload };
}

/** A stored document (`_source`) of either layout as the `Event` it was written from. */
export function eventFromStored(source: unknown): Event {
  if (typeof source === "object" && source !== null && !("payload" in source)) {
    const { raw, payloadAt } = source as { raw?: unknown; payloadAt?: unknown };
    const parsed = payloadFromRaw(typeof raw === "string" ? raw : null);
    const payload =
      typeof payloadAt !== "string"
        ? parsed
        : typeof parsed === "object" && parsed !== null && Object.hasOwn(parsed, payloadAt)
          ? (parsed as Record<string, unknown>)[payloadAt]
          : null;
    return Event.parse({ ...source, payload });
  }
  return Event.parse(source);
}

/**
 * The payload's values that a search of `raw` could miss, in their places in the payload;
 * undefined when there are none. For JSON text that is almost never: a value is left out only
 * when `raw` holds it written as is, so the words `raw` is indexed with are the value's words.
 * Kept: every value of a binary raw (a registry-decoded payload), values past a cut, strings
 * JSON escapes (whose words the escapes change), values of no words (a match finds nothing).
 */
export function payloadBeyondRaw(event: Pick<Event, "payload" | "raw">): unknown {
  const raw = event.raw === null || event.raw.startsWith("base64:") ? "" : event.raw;
  return beyond(event.payload, raw);
}

function beyond(value: unknown, raw: string): unknown {
  if (Array.isArray(value)) {
    const kept = value.map((item) => beyond(item, raw)).filter((item) => item !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  if (typeof value === "object" && value !== null) {
    const kept = Object.entries(value)
      .map(([name, member]) => [name, beyond(member, raw)] as const)
      .filter(([, member]) => member !== undefined);
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  }
  if (typeof value === "string") return rawHoldsString(value, raw) ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") {
    return rawHoldsScalar(String(value), raw) ? undefined : value;
  }
  return undefined;
}

const WORD = /[\p{L}\p{N}]/u;

function rawHoldsString(value: string, raw: string): boolean {
  const literal = JSON.stringify(value);
  return WORD.test(value) && !literal.includes("\\") && raw.includes(literal);
}

const OPENS_VALUE = /^$|[[:,\s]/;
const CLOSES_VALUE = /^$|[\]},\s]/;

/** A number or boolean written as a JSON value of its own, not inside a longer number. */
function rawHoldsScalar(text: string, raw: string): boolean {
  for (let at = raw.indexOf(text); at !== -1; at = raw.indexOf(text, at + 1)) {
    const before = raw[at - 1] ?? "";
    const after = raw[at + text.length] ?? "";
    if (OPENS_VALUE.test(before) && CLOSES_VALUE.test(after)) return true;
  }
  return false;
}
