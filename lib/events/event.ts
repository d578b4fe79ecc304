import { z } from "zod";

/** Fields added after records were indexed without them: absent in older documents. */
const since = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

/** Where a dead-lettered record came from and why it failed, as read from DLQ headers or body. */
export const DeadLetter = z.object({
  originalTopic: z.string().nullable(),
  originalPartition: z.number().int().nullable(),
  originalOffset: z.string().nullable(),
  /** The root cause's class: what people search for. */
  errorClass: z.string().nullable(),
  /** The root cause's message. */
  errorMessage: z.string().nullable(),
  /**
   * The outermost exception's class when it only wraps the root cause, as Spring's
   * ListenerExecutionFailedException wraps what the listener threw; null when nothing wraps it.
   */
  wrapperClass: since(z.string()),
  consumerGroup: z.string().nullable(),
  errorStack: z.string().nullable(),
  /** When the record failed (ISO): the framework's own time, else the DLQ record's timestamp. */
  failedAt: z.string().nullable(),
  /** Kafka Connect: the stage that failed (`VALUE_CONVERTER`, `TRANSFORMATION`, `TASK_PUT`…). */
  stage: since(z.string()),
  /** Kafka Connect: the converter, transform or connector class of that stage. */
  stageClass: since(z.string()),
  /** Kafka Connect: the connector and its task that failed. */
  connectorName: since(z.string()),
  taskId: since(z.number().int()),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

/** Which decoder recognised the record's envelope. */
export const EnvelopeKind = z.enum([
  "mapping",
  "cloudevents-structured",
  "cloudevents-binary",
  "masstransit",
  "nservicebus",
  "seed-json",
  "headers",
  /** Nothing but a W3C traceparent: its trace id stands in for the correlation id. */
  "traceparent",
  "none",
]);
export type EnvelopeKind = z.infer<typeof EnvelopeKind>;

/** What could not be read from a record; the record is indexed regardless. */
export const ReadFlag = z.enum([
  "tombstone",
  "not-json",
  "binary-value",
  "binary-key",
  "binary-header",
  "raw-truncated",
  "no-event-id",
  "no-correlation-id",
  /** No correlation id was found; the W3C traceparent's trace id is used instead. */
  "correlation-from-traceparent",
  "bad-occurred-at",
  "confluent-wire-format",
  /** The schema registry could not be reached (or failed) when the record was read. */
  "schema-unavailable",
  /** The registry has no schema with the record's schema id. */
  "schema-unknown",
  /** The bytes do not decode with the schema their id names. */
  "schema-mismatch",
  "index-rejected",
]);
export type ReadFlag = z.infer<typeof ReadFlag>;

/** The registry schema a wire-format value or key was decoded with. */
export const SchemaRef = z.object({
  id: z.number().int(),
  subject: z.string().nullable(),
  version: z.number().int().nullable(),
  format: z.enum(["avro", "protobuf", "json"]),
});
export type SchemaRef = z.infer<typeof SchemaRef>;

/** One Kafka header. Kafka allows a name more than once; frameworks append on every hop. */
export const Header = z.object({ key: z.string(), value: z.string() });
export type Header = z.infer<typeof Header>;

/**
 * A record's headers in the order the Kafka client delivered them, duplicates kept. Documents
 * indexed before kept one value per name in an object; those are read as a list of those.
 */
export const Headers = z.union([
  z.array(Header),
  z
    .record(z.string(), z.string())
    .transform((byName) => Object.entries(byName).map(([key, value]) => ({ key, value }))),
]);

/** The W3C trace context a record was sent with: the trace and the producer's send span. */
export const TraceContext = z.object({ traceId: z.string(), spanId: z.string() });
export type TraceContext = z.infer<typeof TraceContext>;

/**
 * One Kafka record as indexed: the document stored in Elasticsearch and the `Event` of the
 * chain API. `id` is `topic:partition:offset`, so indexing the same record twice is a no-op.
 */
export const Event = z.object({
  id: z.string(),
  topic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  key: z.string().nullable(),
  headers: Headers,
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
  correlationId: z.string().nullable(),
  causationId: z.string().nullable(),
  occurredAt: z.string(),
  timestamp: z.string(),
  ingestedAt: z.string(),
  schemaVersion: z.string().nullable(),
  service: z.string().nullable(),
  envelope: EnvelopeKind,
  payload: z.unknown().nullable(),
  raw: z.string().nullable(),
  valueSize: z.number().int(),
  flags: z.array(ReadFlag),
  dlq: DeadLetter.nullable(),
  /** Which delivery attempt this record is, when a retry header or wrapper says so. */
  attempt: z.number().int().nullable(),
  /** From the `traceparent` header; records indexed before it was read have none. */
  trace: TraceContext.nullable().default(null),
  /** The registry schemas the value and key were decoded with; null when not decoded. */
  valueSchema: since(SchemaRef),
  keySchema: since(SchemaRef),
  /** The event type whose contract this record counts toward (lib/contracts/contract-of.ts). */
  contract: since(z.string()),
  /** The id of the payload's shape within that contract, when the payload is JSON. */
  shape: since(z.string()),
});
export type Event = z.infer<typeof Event>;

export function eventDocId(topic: string, partition: number, offset: string): string {
  return `${topic}:${partition}:${offset}`;
}

/** A dead letter as a chain lists it: why it failed, without the stack trace. */
export const DeadLetterSummary = DeadLetter.omit({ errorStack: true });
export type DeadLetterSummary = z.infer<typeof DeadLetterSummary>;

/**
 * An event as the chain API lists it: everything but its headers, payload, raw value and DLQ
 * stack trace, which `GET /api/events/{id}` gives for one event. A 2,000-event chain carried
 * them all on every load although the page shows them for one selected event at a time.
 */
export const EventSummary = Event.omit({ headers: true, payload: true, raw: true }).extend({
  dlq: DeadLetterSummary.nullable(),
});
export type EventSummary = z.infer<typeof EventSummary>;

/**
 * What a chain query leaves out of each stored record (`_source` paths); `payloadFields` is only
 * there to be searched.
 */
export const SUMMARY_EXCLUDES = ["headers", "payload", "payloadFields", "raw", "dlq.errorStack"];
