import { contractOf, shapeOf } from "../contracts/contract-of";
import { eventDocId, type EnvelopeKind, type Event, type ReadFlag } from "../events/event";
import { isRetryTopic } from "../chain/topics";
import { readAttempt } from "./attempt";
import { asText, capBase64, capText, confluentWireFormat } from "./bytes";
import { readCloudEvent } from "./cloudevents";
import { hasDeadLetterHeaders, readDeadLetter } from "./dead-letter";
import { type EnvelopeInput, type EnvelopeRead, isObject } from "./envelope-read";
import { headerValue, readConventions, traceContextOf, type Concept } from "./fields";
import { decodeHeaders } from "./headers";
import { readMapped } from "./mapped";
import { type EnvelopeMapping, mappingFor } from "./mapping";
import { readMassTransit } from "./masstransit";
import { readNServiceBus } from "./nservicebus";
import type { RawRecord } from "./raw-record";
import type { WireDecode } from "../registry/outcome";
import { parseTime } from "./time";

export type DecodeOptions = {
  dlqPattern: RegExp;
  /** The raw value is kept up to this many bytes; the rest is dropped and flagged. */
  rawMaxBytes: number;
  now: Date;
  /** User envelope mappings (`CAUSEWAY_MAPPING_FILE`); the first whose topic glob matches wins. */
  mappings?: readonly EnvelopeMapping[];
};

/** The framework envelopes, most specific first; the first that recognises a record wins. */
const formats = [readCloudEvent, readMassTransit, readNServiceBus];

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

  const keyDecode = record.registry?.key ?? null;
  if (keyDecode && !keyDecode.ok) flags.add(keyDecode.flag);
  const valueDecode = record.registry?.value ?? null;
  const value = readValue(record.value, options.rawMaxBytes, flags, valueDecode);
  const outer = isObject(value.parsed) ? value.parsed : null;
  // A wrapped DLQ body carries the failed event inside it.
  const body = outer && isObject(outer.original_event) ? outer.original_event : outer;
  const input: EnvelopeInput = {
    topic: record.topic,
    headers: headers.text,
    body,
    parsed: body === outer ? value.parsed : body,
  };

  const mapping = mappingFor(options.mappings ?? [], record.topic);
  const format = formats.reduce<EnvelopeRead | null>((found, read) => found ?? read(input), null);
  const conventions = readConventions(input);
  // Mapping first, then the framework envelope, then the common conventions fill the gaps.
  const reads = [mapping ? readMapped(mapping, input) : null, format, conventions].filter(
    (read): read is EnvelopeRead => read !== null,
  );
  const field = (concept: Concept): string | null => {
    for (const read of reads) {
      const found = read.fields[concept];
      if (found != null) return found;
    }
    return null;
  };

  const eventId = field("eventId");
  let envelope: EnvelopeKind = reads[0]?.kind ?? "none";
  let correlationId = field("correlationId");
  const trace = traceContextOf(
    reads.map((read) => read.traceparent).find((t) => t != null) ??
      headerValue(headers.text, ["traceparent"]),
  );
  if (correlationId === null) {
    correlationId = trace?.traceId ?? null;
    if (correlationId !== null) {
      flags.add("correlation-from-traceparent");
      if (envelope === "none") envelope = "traceparent";
    }
  }
  if (eventId === null) flags.add("no-event-id");
  if (correlationId === null) flags.add("no-correlation-id");

  const recordTime = new Date(Number(record.timestamp));
  const timestamp = Number.isFinite(recordTime.getTime()) ? recordTime : options.now;
  let occurredAt = timestamp;
  const claimed = field("occurredAt");
  if (claimed !== null) {
    const parsedTime = parseTime(claimed);
    if (parsedTime) occurredAt = parsedTime;
    else flags.add("bad-occurred-at");
  }

  // Spring forwards to retry topics with the same headers it writes on dead letters; a retry
  // record is an attempt, not a dead letter.
  const isDeadLetter =
    options.dlqPattern.test(record.topic) ||
    (hasDeadLetterHeaders(headers.text) && !isRetryTopic(record.topic));
  const payload = reads.map((read) => read.payload).find((p) => p !== undefined) ?? value.parsed;
  const eventType = field("eventType");
  const subject = valueDecode?.ok ? valueDecode.schema.subject : null;
  const timestampIso = timestamp.toISOString();
  const occurredAtIso = occurredAt === timestamp ? timestampIso : occurredAt.toISOString();

  return {
    id: eventDocId(record.topic, record.partition, record.offset),
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key,
    headers: headers.list,
    eventId,
    eventType,
    correlationId,
    causationId: field("causationId"),
    occurredAt: occurredAtIso,
    timestamp: timestampIso,
    ingestedAt: isoOfNow(options.now),
    schemaVersion:
      field("schemaVersion") ?? (value.schemaId === null ? null : `schema-id:${value.schemaId}`),
    service: field("service"),
    envelope,
    payload: payload ?? null,
    raw: value.raw,
    valueSize: record.value?.length ?? 0,
    flags: [...flags],
    dlq: isDeadLetter ? readDeadLetter(headers.text, headers.bytes, outer, timestampIso) : null,
    attempt: readAttempt(headers.bytes, outer, isDeadLetter),
    trace,
    valueSchema: valueDecode?.ok ? valueDecode.schema : null,
    keySchema: keyDecode?.ok ? keyDecode.schema : null,
    // A dead letter's body is a copy or a failure report, counted on its own topic already.
    contract: isDeadLetter ? null : contractOf({ topic: record.topic, eventType, subject }),
    shape: shapeOf({ topic: record.topic, eventType, subject, payload, isDeadLetter })?.id ?? null,
  };
}

// The records of one fetch share `now`: formatted once for all of them, not once a record.
let lastNow: { now: Date; iso: string } | null = null;

function isoOfNow(now: Date): string {
  if (lastNow?.now !== now) lastNow = { now, iso: now.toISOString() };
  return lastNow.iso;
}

type Value = {
  /** The value as text (capped), or as `base64:…` when it is not text. */
  raw: string | null;
  /** The value as parsed JSON; undefined when it is not JSON. */
  parsed: unknown;
  /** The Confluent Schema Registry id, for values in its wire format. */
  schemaId: number | null;
};

function readValue(
  bytes: Buffer | null,
  rawMaxBytes: number,
  flags: Set<ReadFlag>,
  registry: WireDecode | null,
): Value {
  if (bytes === null) {
    flags.add("tombstone");
    return { raw: null, parsed: undefined, schemaId: null };
  }
  const text = asText(bytes);
  const capped = text === null ? capBase64(bytes, rawMaxBytes) : capText(text, rawMaxBytes);
  if (capped.truncated) flags.add("raw-truncated");
  if (text !== null) {
    const parsed = parseJson(text);
    if (parsed === undefined) flags.add("not-json");
    return { raw: capped.text, parsed, schemaId: null };
  }
  const confluent = confluentWireFormat(bytes);
  if (confluent) flags.add("confluent-wire-format");
  if (registry && !registry.ok) flags.add(registry.flag);
  if (registry?.ok) {
    // `raw` keeps the original bytes and `binary-value` says so: replay sends exactly those.
    flags.add("binary-value");
    return { raw: capped.text, parsed: registry.value, schemaId: registry.schema.id };
  }
  // The JSON Schema serializer writes plain JSON after the schema id; Avro and Protobuf do not.
  const inner = confluent ? asText(confluent.body) : null;
  const parsed = inner === null ? undefined : parseJson(inner);
  if (parsed === undefined) flags.add("binary-value");
  return { raw: capped.text, parsed, schemaId: confluent?.schemaId ?? null };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
