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
 * Whether `payload` must be stored beside `raw`. Checked on the values themselves rather than
 * trusted from how the decoder got them, so no decoder can make a document lose its payload.
 */
export function storesPayload(event: Pick<Event, "payload" | "raw">): boolean {
  return !isDeepStrictEqual(event.payload, payloadFromRaw(event.raw));
}

/** A stored document (`_source`) of either layout as the `Event` it was written from. */
export function eventFromStored(source: unknown): Event {
  if (typeof source === "object" && source !== null && !("payload" in source)) {
    const raw = (source as { raw?: unknown }).raw;
    return Event.parse({
      ...source,
      payload: payloadFromRaw(typeof raw === "string" ? raw : null),
    });
  }
  return Event.parse(source);
}
