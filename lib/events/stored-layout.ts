import { isDeepStrictEqual } from "node:util";
import { Event } from "./event";

/**
 * How an event's value is stored. `raw` is the one stored copy of the value (text, or `base64:`
 * for binary). `payload` joins it in `_source` only when it cannot be worked out from `raw`:
 * an envelope's inner body, a value decoded through a schema registry, a value whose raw text
 * was cut. Documents written before this layout always carry `payload`; both read the same.
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
