import type { EnvelopeKind } from "../events/event";
import type { Concept } from "./fields";

export type Body = Record<string, unknown>;

/** What a decoder gets to look at: the headers as text and the value as parsed JSON, if any. */
export type EnvelopeInput = {
  topic: string;
  headers: Record<string, string>;
  /** The JSON object the envelope fields are read from (a wrapped DLQ body's `original_event`). */
  body: Body | null;
  /** The whole value as parsed JSON; undefined when it is not JSON. */
  parsed: unknown;
};

/** What one decoder recognised. A null field means "not found here": later decoders may fill it. */
export type EnvelopeRead = {
  kind: EnvelopeKind;
  fields: Partial<Record<Concept, string | null>>;
  /** The business payload inside the envelope; undefined when this decoder does not say. */
  payload?: unknown;
  /** A W3C traceparent the envelope carries outside the usual header. */
  traceparent?: string | null;
};

export function isObject(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stringOf(value: unknown): string | null {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}
