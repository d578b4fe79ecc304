import { eventDocId, type EnvelopeKind, type Event, type ReadFlag } from "../events/event";
import { asText, capBase64, capText } from "./bytes";
import { hasDeadLetterHeaders, readDeadLetter } from "./dead-letter";
import {
  bodyKeys,
  bodyValue,
  headerNames,
  headerValue,
  seedEnvelopeKeys,
  traceIdOf,
  type Concept,
} from "./fields";
import { decodeHeaders } from "./headers";
import type { RawRecord } from "./raw-record";

export type DecodeOptions = {
  dlqPattern: RegExp;
  /** The raw value is kept up to this many bytes; the rest is dropped and flagged. */
  rawMaxBytes: number;
  now: Date;
};

type Body = Record<string, unknown>;

function isObject(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Turns any Kafka record into an indexable `Event`. It never throws on odd input: what could not
 * be read is recorded in `flags`, so no record is ever dropped.
 */
export function decodeRecord(record: RawRecord, options: DecodeOptions): Event {
  const flags = new Set<ReadFlag>();
  const headers = decodeHeaders(record.headers);
  if (headers.hasBinary) flags.add("binary-header");

  let key: string | null = null;
  if (record.key) {
    key = asText(record.key);
    if (key === null) {
      flags.add("binary-key");
      key = `base64:${record.key.toString("base64")}`;
    }
  }

  let raw: string | null = null;
  let parsed: unknown = undefined;
  if (record.value === null) {
    flags.add("tombstone");
  } else {
    const text = asText(record.value);
    const capped =
      text === null
        ? capBase64(record.value, options.rawMaxBytes)
        : capText(text, options.rawMaxBytes);
    raw = capped.text;
    if (capped.truncated) flags.add("raw-truncated");
    if (text === null) flags.add("binary-value");
    else parsed = parseJson(text);
    if (text !== null && parsed === undefined) flags.add("not-json");
  }

  const outer = isObject(parsed) ? parsed : null;
  // A wrapped DLQ body carries the failed event inside it.
  const body = outer && isObject(outer.original_event) ? outer.original_event : outer;
  const isSeed = body !== null && seedEnvelopeKeys.some((k) => k in body);

  const read = (concept: Concept): string | null =>
    headerValue(headers.text, headerNames[concept]) ??
    (body ? bodyValue(body, bodyKeys[concept]) : null);

  const eventId = read("eventId");
  const correlationId =
    read("correlationId") ?? traceIdOf(headerValue(headers.text, ["traceparent"]));
  const envelope: EnvelopeKind = isSeed
    ? "seed-json"
    : eventId !== null || correlationId !== null
      ? "headers"
      : "none";
  if (eventId === null) flags.add("no-event-id");
  if (correlationId === null) flags.add("no-correlation-id");

  const recordTime = new Date(Number(record.timestamp));
  const timestamp = Number.isFinite(recordTime.getTime()) ? recordTime : options.now;
  let occurredAt = timestamp;
  const claimed = read("occurredAt");
  if (claimed !== null) {
    const parsedTime = new Date(/^\d+$/.test(claimed) ? Number(claimed) : claimed);
    if (Number.isFinite(parsedTime.getTime())) occurredAt = parsedTime;
    else flags.add("bad-occurred-at");
  }

  const isDeadLetter = options.dlqPattern.test(record.topic) || hasDeadLetterHeaders(headers.text);
  const payload = isSeed && body && "payload" in body ? body.payload : (parsed ?? null);

  return {
    id: eventDocId(record.topic, record.partition, record.offset),
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key,
    headers: headers.text,
    eventId,
    eventType: read("eventType"),
    correlationId,
    causationId: read("causationId"),
    occurredAt: occurredAt.toISOString(),
    timestamp: timestamp.toISOString(),
    ingestedAt: options.now.toISOString(),
    schemaVersion: read("schemaVersion"),
    service: read("service"),
    envelope,
    payload: payload ?? null,
    raw,
    valueSize: record.value?.length ?? 0,
    flags: [...flags],
    dlq: isDeadLetter ? readDeadLetter(headers.text, headers.bytes, outer) : null,
    attempt: null,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
