/**
 * Synthetic chains written straight into Elasticsearch, for benchmarks that need a big index or
 * one big chain fast (producing a million records through Kafka would take far longer).
 */
import type { Client } from "@elastic/elasticsearch";
import { eventDocId, type Event } from "@/lib/events/event";
import { ensureEventsTemplate, eventDocument, eventsIndexFor } from "@/lib/elastic/indices";

const SERVICES = ["order-service", "payment-service", "inventory-service", "shipping-service"];
const FLOW = [
  "OrderPlaced",
  "PaymentRequested",
  "PaymentProcessed",
  "StockReserved",
  "ShipmentScheduled",
];

/**
 * One chain of `size` events as a tree: each event is caused by an earlier one, a few events
 * are retried and one is dead-lettered, so every part of the chain code does real work.
 */
export function syntheticChain(
  correlationId: string,
  size: number,
  startMs: number,
  topic: string,
  firstOffset = 0,
) {
  const events: Event[] = [];
  let offset = firstOffset;
  const next = () => String(offset++);
  for (let i = 0; i < size; i++) {
    const parent = i === 0 ? null : Math.floor((i - 1) / 3);
    const at = new Date(startMs + i * 40).toISOString();
    const base = record(correlationId, topic, next(), {
      eventId: `${correlationId}-${i}`,
      eventType: FLOW[i % FLOW.length] ?? "Step",
      causationId: parent === null ? null : `${correlationId}-${parent}`,
      service: SERVICES[i % SERVICES.length] ?? null,
      at,
    });
    events.push(base);
    if (i > 0 && i % 50 === 0 && events.length < size) {
      events.push({ ...record(correlationId, `${topic}-retry`, next(), base), timestamp: at });
    }
    if (i === Math.floor(size / 2) && events.length < size) {
      events.push({
        ...record(correlationId, `${topic}.DLQ`, next(), base),
        dlq: {
          originalTopic: topic,
          originalPartition: 0,
          originalOffset: base.offset,
          errorClass: "java.lang.IllegalStateException",
          errorMessage: "card declined",
          consumerGroup: "payment-service",
          errorStack: null,
          failedAt: at,
          wrapperClass: null,
          stage: null,
          stageClass: null,
          connectorName: null,
          taskId: null,
        },
      });
    }
    if (events.length >= size) break;
  }
  return events.slice(0, size);
}

function record(
  correlationId: string,
  topic: string,
  offset: string,
  fields: {
    eventId: string | null;
    eventType: string | null;
    causationId: string | null;
    service: string | null;
    at?: string;
    occurredAt?: string;
  },
): Event {
  const at = fields.at ?? fields.occurredAt ?? new Date().toISOString();
  const payload = { orderId: correlationId, amount: Number(offset) % 500, currency: "EUR" };
  return {
    id: eventDocId(topic, 0, offset),
    valueSchema: null,
    keySchema: null,
    topic,
    partition: 0,
    offset,
    key: correlationId,
    headers: [],
    eventId: fields.eventId,
    eventType: fields.eventType,
    correlationId,
    causationId: fields.causationId,
    occurredAt: at,
    timestamp: at,
    ingestedAt: at,
    schemaVersion: "1",
    service: fields.service,
    envelope: "seed-json",
    payload,
    raw: JSON.stringify(payload),
    valueSize: 60,
    flags: [],
    dlq: null,
    attempt: null,
    trace: null,
    contract: fields.eventType ?? topic,
    shape: null,
  };
}

/** Bulk-indexes `events` under `prefix`, each under its `topic:partition:offset` id. */
export async function bulkIndex(
  es: Client,
  prefix: string,
  events: readonly Event[],
): Promise<void> {
  const operations = events.flatMap((event) => [
    { index: { _index: eventsIndexFor(prefix, event.timestamp), _id: event.id } },
    eventDocument(event),
  ]);
  const response = await es.bulk({ operations, refresh: false }, { requestTimeout: 180_000 });
  if (response.errors) {
    const failed = response.items.find((item) => item.index?.error)?.index?.error;
    throw new Error(`bulk indexing failed: ${JSON.stringify(failed)}`);
  }
}

/** Creates `prefix`'s template and writes one chain of `size` events; returns its id. */
export async function indexOneChain(
  es: Client,
  prefix: string,
  size: number,
  correlationId: string,
) {
  await ensureEventsTemplate(es, prefix);
  const events = syntheticChain(correlationId, size, Date.now() - size * 40, "bench-orders");
  for (let i = 0; i < events.length; i += 5000)
    await bulkIndex(es, prefix, events.slice(i, i + 5000));
  await es.indices.refresh({ index: `${prefix}-events` });
  return correlationId;
}
