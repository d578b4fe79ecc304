/**
 * Readable builders for chain tests: name what matters to the test, the rest gets defaults.
 */
import { type DeadLetter, type Event, eventDocId, Headers } from "../../events/event";

const START = Date.parse("2024-05-01T12:00:00.000Z");

/** The ISO time `seconds` after a fixed start, so tests read as "at(3)" rather than dates. */
export function at(seconds: number): string {
  return new Date(START + seconds * 1000).toISOString();
}

export type EventSpec = Partial<Omit<Event, "id" | "offset" | "dlq" | "headers">> & {
  offset?: number | string;
  /** A list in order, or an object of one value per name for short. */
  headers?: Event["headers"] | Record<string, string>;
  dlq?: Partial<DeadLetter> | null;
};

let nextOffset = 1000;

/** One indexed record; `id` follows from topic, partition and offset as the collector writes it. */
export function makeEvent(spec: EventSpec = {}): Event {
  const { offset = nextOffset++, dlq = null, headers = [], ...fields } = spec;
  const topic = fields.topic ?? "orders";
  const partition = fields.partition ?? 0;
  const occurredAt = fields.occurredAt ?? at(0);
  return {
    topic,
    valueSchema: null,
    keySchema: null,
    partition,
    key: "order-1",
    headers: Headers.parse(headers),
    eventId: `evt-${topic}-${partition}-${offset}`,
    eventType: "OrderPlaced",
    correlationId: "order-1",
    causationId: null,
    occurredAt,
    timestamp: occurredAt,
    ingestedAt: occurredAt,
    schemaVersion: "1",
    service: "order-service",
    envelope: "seed-json",
    payload: { orderId: "order-1" },
    raw: '{"orderId":"order-1"}',
    valueSize: 21,
    flags: [],
    attempt: null,
    trace: null,
    contract: fields.eventType ?? "OrderPlaced",
    shape: null,
    ...fields,
    id: eventDocId(topic, partition, String(offset)),
    offset: String(offset),
    dlq: dlq === null ? null : deadLetter(dlq),
  };
}

export function deadLetter(fields: Partial<DeadLetter> = {}): DeadLetter {
  return {
    originalTopic: null,
    originalPartition: null,
    originalOffset: null,
    errorClass: null,
    errorMessage: null,
    wrapperClass: null,
    consumerGroup: null,
    errorStack: null,
    failedAt: null,
    stage: null,
    stageClass: null,
    connectorName: null,
    taskId: null,
    ...fields,
  };
}

/** `length` events on one topic, each caused by the one before, a second apart. */
export function linearChain(length: number, topic = "steps"): Event[] {
  return Array.from({ length }, (_, index) =>
    makeEvent({
      topic,
      offset: index,
      eventId: `evt-${index}`,
      eventType: "StepDone",
      causationId: index === 0 ? null : `evt-${index - 1}`,
      occurredAt: at(index),
    }),
  );
}
