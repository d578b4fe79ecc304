import { indexedEventsById } from "@/lib/testing/indexed-events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isAttempt } from "@/lib/chain/topics";
import { createElasticsearch } from "@/lib/elastic/client";
import { Event } from "@/lib/events/event";
import { lastHeader } from "@/lib/events/headers";
import { createKafka } from "@/lib/kafka/client";
import {
  deadLetters,
  envelopes,
  type FixtureRecord,
  legacyMapping,
  ONE_MIB,
  oddRecords,
} from "@/lib/testing/envelope-fixtures";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { deleteTestIndices, deleteTestTopics } from "@/lib/testing/cleanup";
import { startTestCollector } from "./test-collector";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";

const config = testConfig({});
const kafka = createKafka(config.kafkaBrokers, "formats-int-test");
const es = createElasticsearch(config.elasticsearchUrl);
const family = uniqueName("formats");
const mappingDir = mkdtempSync(join(tmpdir(), "causeway-formats-"));
const indexPrefix = uniqueName("idx");

afterAll(async () => {
  rmSync(mappingDir, { recursive: true, force: true });
  await deleteTestIndices(es, indexPrefix);
  await deleteTestTopics(kafka, { topics: { family } });
});

/** Every record goes to its topic in this order, so a record's offset is its index. */
const topics: Record<string, { records: FixtureRecord[]; maxMessageBytes?: number }> = {
  envelopes: {
    records: [
      envelopes.cloudEventsStructured,
      envelopes.cloudEventsStructuredBase64,
      envelopes.cloudEventsBinary,
      envelopes.massTransit,
      envelopes.nServiceBus,
      envelopes.seed,
      envelopes.headersOnly,
      envelopes.traceparentOnly,
    ],
  },
  legacy: { records: [envelopes.legacy] },
  // Dead letters that only their headers say are dead letters.
  failures: {
    records: [
      deadLetters.springException,
      deadLetters.connect,
      deadLetters.massTransitFault,
      deadLetters.nServiceBusFault,
    ],
  },
  "payments-dlt": { records: [deadLetters.springDlt] },
  "payments-dlq": { records: [deadLetters.wrapped] },
  "billing.dead-letter": { records: [deadLetters.topicOnly] },
  "payments-retry-0": { records: [deadLetters.springRetry] },
  odd: {
    records: [
      oddRecords.tombstone,
      oddRecords.binary,
      oddRecords.invalidJson,
      oddRecords.confluentAvro,
      oddRecords.confluentJson,
      oddRecords.huge,
      oddRecords.binaryHeader,
      oddRecords.noIds,
      oddRecords.tooDeep,
    ],
    // Kafka refuses records over 1 MiB unless the topic allows them.
    maxMessageBytes: 4 * ONE_MIB,
  },
};
const total = Object.values(topics).reduce((sum, t) => sum + t.records.length, 0);

async function produceAll() {
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(
    admin,
    Object.entries(topics).map(([name, { maxMessageBytes }]) => ({
      topic: `${family}-${name}`,
      numPartitions: 1,
      configEntries: maxMessageBytes
        ? [{ name: "max.message.bytes", value: String(maxMessageBytes) }]
        : [],
    })),
  );
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  for (const [name, { records }] of Object.entries(topics)) {
    await producer.send({
      topic: `${family}-${name}`,
      messages: records.map((r) => ({
        partition: 0,
        key: r.key,
        value: r.value,
        headers: r.headers,
      })),
    });
  }
  await producer.disconnect();
}

describe("collector reads every envelope, dead-letter variant and odd record", () => {
  it("indexes each record once with its envelope kind, ids, flags, dead-letter fields and attempt", async () => {
    await produceAll();
    const mappingFile = join(mappingDir, "mapping.json");
    writeFileSync(mappingFile, JSON.stringify(legacyMapping(`${family}-leg*`)));
    // Without a registry, as most collectors run: the wire-format fixtures carry made-up schema
    // ids, which collector/schema-registry.int.test.ts decodes against the real registry.
    const settings = {
      ...testConfig({
        CAUSEWAY_INDEX_PREFIX: indexPrefix,
        CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
        CAUSEWAY_TOPICS: `^${family}-`,
        CAUSEWAY_TOPIC_REFRESH_MS: "1000",
        CAUSEWAY_MAPPING_FILE: mappingFile,
      }),
      schemaRegistry: null,
    };
    const { collector } = await startTestCollector({ config: settings, kafka, es });
    let docs: Map<string, Event>;
    try {
      docs = await eventually(
        `${total} indexed records`,
        async () => {
          const found = await indexedEventsById(es, indexPrefix);
          return found.size === total ? found : null;
        },
        60_000,
      );
    } finally {
      await collector.stop(1_000);
    }
    const doc = (topic: string, offset: number): Event => {
      const event = docs.get(`${family}-${topic}:0:${offset}`);
      if (!event) throw new Error(`no document for ${topic}@${offset}`);
      return event;
    };

    // Envelopes
    expect(doc("envelopes", 0)).toMatchObject({
      envelope: "cloudevents-structured",
      eventId: "ce-order-placed-7",
      eventType: "com.shop.order.placed",
      correlationId: "order-7",
      causationId: "cmd-place-7",
      service: "/shop/order-service",
      payload: { orderId: "7", total: 12.5 },
      flags: [],
      dlq: null,
      attempt: null,
    });
    expect(doc("envelopes", 1)).toMatchObject({
      envelope: "cloudevents-structured",
      eventId: "ce-order-shipped-7",
      payload: { orderId: "7", carrier: "dhl" },
      flags: ["no-correlation-id"],
    });
    expect(doc("envelopes", 2)).toMatchObject({
      envelope: "cloudevents-binary",
      eventId: "ce-payment-7",
      correlationId: "order-7",
      causationId: "ce-order-placed-7",
      occurredAt: "2026-11-23T09:59:58.750Z",
      flags: [],
    });
    expect(doc("envelopes", 3)).toMatchObject({
      envelope: "masstransit",
      eventId: "18000000-5d5c-0015-7a6b-08dcf0a7b8a1",
      eventType: "OrderSubmitted",
      correlationId: "18000000-5d5c-0015-5b1c-08dcf0a7b89f",
      causationId: "18000000-5d5c-0015-0a3e-08dcf0a7b89e",
      occurredAt: "2026-11-23T09:59:58.123Z",
      service: "order-service",
      flags: [],
    });
    expect(doc("envelopes", 4)).toMatchObject({
      envelope: "nservicebus",
      eventId: "5b8d1c1e-3a77-4d2b-9a3f-b0f1009a1c2d",
      eventType: "OrderBilled",
      correlationId: "0f6e8a4c-1d2b-4c3a-8e9f-b0f1009a1b00",
      causationId: "1a2b3c4d-0000-0000-0000-b0f1009a1b01",
      occurredAt: "2026-11-23T09:59:58.123Z",
      service: "Shop.Billing",
      flags: [],
    });
    expect(doc("envelopes", 5)).toMatchObject({
      envelope: "seed-json",
      eventId: "e-2",
      correlationId: "order-7",
      flags: [],
    });
    expect(doc("envelopes", 6)).toMatchObject({
      envelope: "headers",
      eventId: "e-3",
      correlationId: "order-7",
      flags: ["not-json"],
    });
    expect(doc("envelopes", 7)).toMatchObject({
      envelope: "traceparent",
      correlationId: "4bf92f3577b34da6a3ce929d0e0e4736",
      flags: ["correlation-from-traceparent", "no-event-id"],
    });
    expect(doc("legacy", 0)).toMatchObject({
      envelope: "mapping",
      eventId: "legacy-1",
      eventType: "Sold",
      correlationId: "order-7",
      occurredAt: "2026-11-23T09:59:58.000Z",
      service: "till-12",
    });

    // Dead letters and attempts
    const failure = doc("failures", 0);
    expect(failure.dlq).toEqual({
      originalTopic: "payments",
      originalPartition: 1,
      originalOffset: "77",
      errorClass: "org.springframework.kafka.support.serializer.DeserializationException",
      errorMessage: "failed to deserialize",
      wrapperClass: null,
      consumerGroup: "payment-service",
      errorStack: expect.stringContaining("PaymentListener.onMessage") as unknown,
      // Spring writes no failure time: the dead letter's own record time stands in.
      failedAt: failure.timestamp,
      stage: null,
      stageClass: null,
      connectorName: null,
      taskId: null,
    });
    expect(doc("failures", 1).dlq).toMatchObject({
      originalTopic: "orders",
      originalPartition: 0,
      originalOffset: "1234",
      errorClass: "org.apache.kafka.connect.errors.DataException",
      consumerGroup: "connect-orders-jdbc-sink",
      errorStack: expect.stringContaining("JsonConverter") as unknown,
    });
    expect(doc("failures", 2)).toMatchObject({
      envelope: "masstransit",
      attempt: 3,
      dlq: {
        originalTopic: "charge-card",
        errorClass: "System.TimeoutException",
        errorMessage: "The payment gateway did not answer in time",
        consumerGroup: "Shop.Billing.ChargeCardConsumer",
        failedAt: "2026-11-23T09:59:59.500Z",
      },
    });
    expect(doc("failures", 3)).toMatchObject({
      envelope: "nservicebus",
      dlq: {
        originalTopic: "Shop.Billing",
        errorClass: "System.InvalidOperationException",
        failedAt: "2026-11-23T09:59:59.250Z",
      },
    });
    expect(doc("payments-dlt", 0)).toMatchObject({
      envelope: "seed-json",
      eventId: "e-2",
      attempt: 3,
      dlq: {
        originalTopic: "payments",
        originalPartition: 3,
        originalOffset: "9001",
        errorClass: "com.shop.payment.CardDeclinedException",
        errorMessage: "card declined",
        consumerGroup: "payment-service",
      },
    });
    expect(doc("payments-dlt", 0).flags).toEqual(["binary-header"]);
    expect(doc("payments-dlq", 0)).toMatchObject({
      eventId: "e-2",
      attempt: 4,
      dlq: {
        originalTopic: "payments",
        errorClass: "GatewayTimeout",
        errorMessage: "timeout calling bank",
        failedAt: "2026-11-23T09:59:59.900Z",
      },
    });
    const topicOnly = doc("billing.dead-letter", 0);
    expect(topicOnly.dlq).toEqual({
      originalTopic: null,
      originalPartition: null,
      originalOffset: null,
      errorClass: null,
      errorMessage: null,
      wrapperClass: null,
      consumerGroup: null,
      errorStack: null,
      failedAt: topicOnly.timestamp,
      stage: null,
      stageClass: null,
      connectorName: null,
      taskId: null,
    });
    const retry = doc("payments-retry-0", 0);
    expect(retry).toMatchObject({
      eventId: "e-2",
      correlationId: "order-7",
      attempt: 2,
      dlq: null,
    });
    expect(isAttempt(retry)).toBe(true);

    // Odd records
    expect(doc("odd", 0)).toMatchObject({ raw: null, valueSize: 0, payload: null });
    expect(doc("odd", 0).flags).toEqual(["tombstone", "no-event-id", "no-correlation-id"]);
    expect(doc("odd", 1).flags).toEqual([
      "binary-key",
      "binary-value",
      "no-event-id",
      "no-correlation-id",
    ]);
    expect(doc("odd", 1).raw).toMatch(/^base64:/);
    expect(doc("odd", 2).flags).toEqual(["not-json", "no-event-id", "no-correlation-id"]);
    expect(doc("odd", 3)).toMatchObject({
      schemaVersion: "schema-id:42",
      flags: ["confluent-wire-format", "binary-value", "no-event-id", "no-correlation-id"],
    });
    expect(doc("odd", 4)).toMatchObject({
      envelope: "seed-json",
      eventId: "e-2",
      flags: ["confluent-wire-format"],
    });
    const huge = doc("odd", 5);
    expect(huge.valueSize).toBe(Buffer.byteLength(oddRecords.huge.value));
    expect(huge.valueSize).toBeGreaterThan(ONE_MIB);
    expect(huge.flags).toEqual(["raw-truncated"]);
    expect(Buffer.byteLength(huge.raw ?? "")).toBeLessThanOrEqual(settings.rawMaxBytes);
    expect(huge).toMatchObject({ eventId: "e-huge", correlationId: "order-7" });
    expect(doc("odd", 6)).toMatchObject({ envelope: "seed-json", flags: ["binary-header"] });
    expect(lastHeader(doc("odd", 6).headers, "x-signature")).toMatch(/^base64:/);
    expect(doc("odd", 7)).toMatchObject({
      envelope: "none",
      eventId: null,
      correlationId: null,
      flags: ["no-event-id", "no-correlation-id"],
    });
    // Refused by Elasticsearch, then indexed without its payload and headers: found, not lost.
    expect(doc("odd", 8)).toMatchObject({
      eventId: "e-deep",
      correlationId: "order-7",
      payload: null,
      headers: {},
      flags: ["index-rejected"],
    });
    expect(doc("odd", 8).raw).toBe(oddRecords.tooDeep.value);
  });
});
