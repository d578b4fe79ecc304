import { indexedEvents } from "@/lib/testing/indexed-events";
import { afterEach, describe, expect, it } from "vitest";
import type { Client } from "@elastic/elasticsearch";
import type { Kafka } from "kafkajs";
import { Event } from "@/lib/events/event";
import { createElasticsearch } from "@/lib/elastic/client";
import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { createKafka } from "@/lib/kafka/client";
import { createLogger } from "@/lib/log";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { startTcpProxy } from "@/lib/testing/tcp-proxy";
import { startCollector, type Collector } from "./collector";
import { CollectorMetrics } from "./metrics";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";

const config = testConfig({});
const kafka: Kafka = createKafka(config.kafkaBrokers, "collector-int-test");
const es: Client = createElasticsearch(config.elasticsearchUrl);
const running: Collector[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop(1_000)));
});

async function collect(topicPattern: string, elasticsearchUrl = config.elasticsearchUrl) {
  const settings = testConfig({
    ELASTICSEARCH_URL: elasticsearchUrl,
    CAUSEWAY_INDEX_PREFIX: uniqueName("idx"),
    CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
    CAUSEWAY_TOPICS: topicPattern,
    CAUSEWAY_TOPIC_REFRESH_MS: "1000",
  });
  await ensureEventsTemplate(es, settings.indexPrefix);
  const collector = await startCollector({
    config: settings,
    kafka,
    es: createElasticsearch(settings.elasticsearchUrl),
    log: createLogger("collector-test", () => undefined),
    metrics: new CollectorMetrics(),
  });
  running.push(collector);
  return settings;
}

async function createTopic(topic: string, partitions = 1) {
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(admin, [{ topic, numPartitions: partitions }]);
  await admin.disconnect();
}

async function produce(
  topic: string,
  messages: {
    key?: string | Buffer | null;
    value: string | Buffer | null;
    headers?: Record<string, string | Buffer>;
  }[],
) {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: messages.map((m) => ({ partition: 0, ...m })) });
  await producer.disconnect();
}

async function committedOffset(group: string, topic: string): Promise<string | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  await admin.disconnect();
  return offsets?.partitions.find((p) => p.partition === 0)?.offset;
}

describe("collector against the real Kafka and Elasticsearch", () => {
  it("indexes every record once, odd ones included, each flagged with what could not be read", async () => {
    const topic = uniqueName("odd");
    await createTopic(topic);
    const correlationId = uniqueName("corr");
    const huge = "x".repeat(200 * 1024);
    await produce(topic, [
      {
        key: "order-1",
        value: JSON.stringify({
          event_id: "e1",
          event_type: "OrderPlaced",
          correlation_id: correlationId,
          causation_id: null,
          occurred_at: "2026-01-02T03:04:05.000Z",
          schema_version: "2",
          payload: { total: 42 },
        }),
      },
      {
        key: "order-1",
        value: "ORDER|1|broken",
        headers: {
          "event-id": "e2",
          "correlation-id": correlationId,
          "causation-id": "e1",
          service: "payments",
        },
      },
      { key: Buffer.from([0xff, 0x00]), value: Buffer.from([0x00, 0x00, 0x00, 0x00, 0x01, 0xfe]) },
      { key: "order-1", value: null },
      { value: JSON.stringify({ note: huge }) },
    ]);
    const settings = await collect(`^${topic}$`);

    const events = await eventually("5 indexed records", async () => {
      const docs = await indexedEvents(es, settings.indexPrefix);
      return docs.length === 5 ? docs : null;
    });
    expect(events.map((e) => e.id)).toEqual([0, 1, 2, 3, 4].map((o) => `${topic}:0:${o}`));
    const [seed, text, binary, tombstone, large] = events as [Event, Event, Event, Event, Event];
    expect(seed).toMatchObject({
      envelope: "seed-json",
      eventId: "e1",
      eventType: "OrderPlaced",
      correlationId,
      causationId: null,
      occurredAt: "2026-01-02T03:04:05.000Z",
      schemaVersion: "2",
      payload: { total: 42 },
      flags: [],
    });
    expect(text).toMatchObject({
      envelope: "headers",
      eventId: "e2",
      causationId: "e1",
      correlationId,
      service: "payments",
      raw: "ORDER|1|broken",
      payload: null,
    });
    expect(text.flags).toContain("not-json");
    expect(binary.flags).toEqual(
      expect.arrayContaining(["binary-key", "binary-value", "no-event-id", "no-correlation-id"]),
    );
    expect(binary.raw).toBe(`base64:${Buffer.from([0, 0, 0, 0, 1, 0xfe]).toString("base64")}`);
    expect(tombstone.flags).toContain("tombstone");
    expect(large.flags).toContain("raw-truncated");
    expect(large.valueSize).toBeGreaterThan(200 * 1024);
    expect(Buffer.byteLength(large.raw ?? "")).toBeLessThanOrEqual(settings.rawMaxBytes);

    await eventually(
      "offset 5 committed",
      async () => (await committedOffset(settings.collectorGroup, topic)) === "5",
    );
  });

  it("marks records on a DLQ topic with their dead-letter origin from Spring Kafka headers", async () => {
    const topic = `${uniqueName("payments")}.DLQ`;
    await createTopic(topic);
    const offset = Buffer.alloc(8);
    offset.writeBigInt64BE(1234n);
    const partition = Buffer.alloc(4);
    partition.writeInt32BE(2);
    await produce(topic, [
      {
        value: JSON.stringify({
          event_id: "e9",
          event_type: "PaymentRequested",
          correlation_id: "c9",
        }),
        headers: {
          "kafka_dlt-original-topic": "payments",
          "kafka_dlt-original-partition": partition,
          "kafka_dlt-original-offset": offset,
          "kafka_dlt-exception-fqcn": "com.shop.CardDeclinedException",
          "kafka_dlt-exception-message": "card declined",
          "kafka_dlt-original-consumer-group": "payment-service",
        },
      },
    ]);
    const settings = await collect(`^${topic.replaceAll(".", "\\.")}$`);
    const [event] = await eventually("the DLQ record", async () => {
      const docs = await indexedEvents(es, settings.indexPrefix);
      return docs.length === 1 ? docs : null;
    });
    expect(event?.dlq).toEqual({
      originalTopic: "payments",
      originalPartition: 2,
      originalOffset: "1234",
      errorClass: "com.shop.CardDeclinedException",
      errorMessage: "card declined",
      consumerGroup: "payment-service",
      wrapperClass: null,
      errorStack: null,
      // Spring names no failure time: the dead letter's own record time stands in.
      failedAt: event?.timestamp,
      stage: null,
      stageClass: null,
      connectorName: null,
      taskId: null,
    });
  });

  it("picks up a topic created after it started", async () => {
    const family = uniqueName("late");
    await createTopic(`${family}-first`);
    const settings = await collect(`^${family}-`);
    await createTopic(`${family}-second`);
    await produce(`${family}-second`, [
      { value: JSON.stringify({ event_id: "late-1", correlation_id: "c-late" }) },
    ]);
    const docs = await eventually("the record on the new topic", async () => {
      const found = await indexedEvents(es, settings.indexPrefix);
      return found.length === 1 ? found : null;
    });
    expect(docs[0]?.topic).toBe(`${family}-second`);
  });

  it("commits nothing while Elasticsearch is unreachable, then indexes and commits every record", async () => {
    const topic = uniqueName("outage");
    await createTopic(topic);
    const proxy = await startTcpProxy(Number(new URL(config.elasticsearchUrl).port));
    try {
      const settings = await collect(`^${topic}$`, `http://127.0.0.1:${proxy.port}`);
      proxy.cut();
      await produce(
        topic,
        Array.from({ length: 20 }, (_, i) => ({
          value: JSON.stringify({ event_id: `o-${i}`, correlation_id: "c-outage" }),
        })),
      );
      // Long enough for several fetches and failed bulk attempts.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect(await indexedEvents(es, settings.indexPrefix)).toHaveLength(0);
      expect(["-1", "", undefined]).toContain(
        await committedOffset(settings.collectorGroup, topic),
      );

      proxy.restore();
      const docs = await eventually("20 records after the outage", async () => {
        const found = await indexedEvents(es, settings.indexPrefix);
        return found.length === 20 ? found : null;
      });
      expect(new Set(docs.map((d) => d.eventId)).size).toBe(20);
      await eventually(
        "offset 20 committed",
        async () => (await committedOffset(settings.collectorGroup, topic)) === "20",
      );
    } finally {
      await proxy.close();
    }
  });
});
