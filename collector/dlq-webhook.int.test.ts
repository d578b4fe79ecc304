import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { Config } from "@/lib/config/config";
import { DlqGroupNotification } from "@/lib/dlq/webhook";
import { createElasticsearch } from "@/lib/elastic/client";
import { eventsAlias } from "@/lib/elastic/indices";
import { getNotification } from "@/lib/elastic/notifications";
import { saveTriage } from "@/lib/elastic/triage-store";
import { createKafka } from "@/lib/kafka/client";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { deleteTestIndices, deleteTestTopics } from "@/lib/testing/cleanup";
import { startTestCollector } from "./test-collector";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";

const env = testConfig({});
const kafka = createKafka(env.kafkaBrokers, "dlq-webhook-int-test");
const es = createElasticsearch(env.elasticsearchUrl);
const topics: string[] = [];
const prefixes: string[] = [];
const servers: Server[] = [];

afterAll(async () => {
  for (const server of servers) server.close();
  // Indices first: a failing topic deletion must not leave them behind.
  for (const prefix of prefixes) await deleteTestIndices(es, prefix);
  await es.close();
  await deleteTestTopics(kafka, { topics });
});

type Received = { headers: IncomingHttpHeaders; body: unknown };

/** A webhook receiver answering with `statuses` in turn, then 200. */
async function startReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      response.writeHead(statuses.shift() ?? 200).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/dlq`, received };
}

async function dlqTopic(): Promise<string> {
  const topic = `${uniqueName("webhook")}.DLQ`;
  topics.push(topic);
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(admin, [{ topic, numPartitions: 1 }]);
  await admin.disconnect();
  return topic;
}

function settingsFor(topic: string, webhookUrl: string): Config {
  const prefix = uniqueName("idx");
  prefixes.push(prefix);
  return testConfig({
    CAUSEWAY_INDEX_PREFIX: prefix,
    CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
    CAUSEWAY_TOPICS: `^${topic.replaceAll(".", "\\.")}$`,
    CAUSEWAY_TOPIC_REFRESH_MS: "1000",
    CAUSEWAY_DLQ_WEBHOOK_URL: webhookUrl,
    CAUSEWAY_PUBLIC_URL: "https://causeway.example",
  });
}

function cardDeclined(order: number) {
  return {
    value: JSON.stringify({ event_id: `e-${order}`, correlation_id: `order-${order}` }),
    headers: {
      "kafka_dlt-original-topic": "payments",
      "kafka_dlt-original-consumer-group": "payment-service",
      "kafka_dlt-exception-fqcn": "com.shop.CardDeclinedException",
      "kafka_dlt-exception-message": `card declined for order ${order}`,
    },
  };
}

function readTimedOut(order: number) {
  return {
    value: JSON.stringify({ event_id: `t-${order}`, correlation_id: `order-${order}` }),
    headers: {
      "kafka_dlt-original-topic": "shipping",
      "kafka_dlt-original-consumer-group": "shipping-service",
      "kafka_dlt-exception-fqcn": "java.net.SocketTimeoutException",
      "kafka_dlt-exception-message": "Read timed out after 3000 ms",
    },
  };
}

async function produce(topic: string, messages: ReturnType<typeof cardDeclined>[]) {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: messages.map((m) => ({ partition: 0, ...m })) });
  await producer.disconnect();
}

/** Resolves once the collector has committed up to `next`, i.e. handed everything before it over. */
async function committedUpTo(settings: Config, topic: string, next: string) {
  await eventually(`the collector to commit ${topic} up to ${next}`, async () => {
    const admin = kafka.admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({
      groupId: settings.collectorGroup,
      topics: [topic],
    });
    await admin.disconnect();
    return offsets?.partitions.find((p) => p.partition === 0)?.offset === next;
  });
}

/** The fingerprint the collector indexed with each record, by offset. */
async function indexedFingerprints(prefix: string): Promise<Map<string, string>> {
  await es.indices.refresh({ index: eventsAlias(prefix) });
  const response = await es.search<{ offset: string; dlqGroup: { fingerprint: string } }>({
    index: eventsAlias(prefix),
    size: 100,
  });
  return new Map(
    response.hits.hits.flatMap((hit) =>
      hit._source ? [[hit._source.offset, hit._source.dlqGroup.fingerprint]] : [],
    ),
  );
}

describe("DLQ webhook from the collector against the real stack", () => {
  it("posts once per new failure group, and not again after a restart", async () => {
    const receiver = await startReceiver();
    const topic = await dlqTopic();
    const settings = settingsFor(topic, receiver.url);
    await produce(topic, [cardDeclined(1), cardDeclined(2), readTimedOut(3), cardDeclined(4)]);

    const first = await startTestCollector({ config: settings, kafka, es });
    await committedUpTo(settings, topic, "4");
    await first.collector.stop(10_000);
    expect(first.metrics.dlqWebhooks).toEqual({ delivered: 2, failed: 0 });

    const fingerprints = await indexedFingerprints(settings.indexPrefix);
    const declined = fingerprints.get("0");
    const timedOut = fingerprints.get("2");
    expect(declined).toBeDefined();
    expect(timedOut).toBeDefined();
    expect(declined).not.toBe(timedOut);
    expect([fingerprints.get("1"), fingerprints.get("3")]).toEqual([declined, declined]);

    expect(receiver.received).toHaveLength(2);
    for (const { headers } of receiver.received) {
      expect(headers["content-type"]).toBe("application/json");
    }
    const bodies = receiver.received.map(({ body }) => DlqGroupNotification.parse(body));
    const byFingerprint = new Map(bodies.map((body) => [body.fingerprint, body]));
    expect(byFingerprint.get(declined ?? "")).toMatchObject({
      event: "dlq.group.new",
      dlqTopic: topic,
      errorClass: "com.shop.CardDeclinedException",
      message: "card declined for order <*>",
      firstRecordId: `${topic}:0:0`,
      correlationId: "order-1",
      originalTopic: "payments",
      consumerGroup: "payment-service",
      boardUrl: `https://causeway.example/dlq?topic=${encodeURIComponent(topic)}`,
      chainUrl: "https://causeway.example/chains/order-1",
    });
    expect(byFingerprint.get(timedOut ?? "")).toMatchObject({
      event: "dlq.group.new",
      dlqTopic: topic,
      errorClass: "java.net.SocketTimeoutException",
      message: "Read timed out after <*> ms",
      firstRecordId: `${topic}:0:2`,
      correlationId: "order-3",
      originalTopic: "shipping",
      consumerGroup: "shipping-service",
    });
    expect(await getNotification(es, settings.indexPrefix, declined ?? "")).toMatchObject({
      status: "delivered",
      httpStatus: 200,
      attempts: 1,
      firstRecordId: `${topic}:0:0`,
    });

    // A restart on the same prefix and group reads only the new record of a known failure.
    await produce(topic, [cardDeclined(5)]);
    const second = await startTestCollector({ config: settings, kafka, es });
    await committedUpTo(settings, topic, "5");
    await second.collector.stop(10_000);
    expect(second.metrics.dlqWebhooks).toEqual({ delivered: 0, failed: 0 });

    expect((await indexedFingerprints(settings.indexPrefix)).get("4")).toBe(declined);
    expect(receiver.received).toHaveLength(2);
    expect(await getNotification(es, settings.indexPrefix, declined ?? "")).toMatchObject({
      status: "delivered",
      firstRecordId: `${topic}:0:0`,
    });
  });

  it("posts once more when a group fails again after someone resolved it", async () => {
    const receiver = await startReceiver();
    const topic = await dlqTopic();
    const settings = settingsFor(topic, receiver.url);
    await produce(topic, [cardDeclined(1)]);
    const { collector, metrics } = await startTestCollector({ config: settings, kafka, es });
    try {
      await eventually("the first failure's webhook", async () => receiver.received.length === 1);
      const first = DlqGroupNotification.parse(receiver.received[0]?.body);
      expect(first.event).toBe("dlq.group.new");

      const { triage } = await saveTriage(
        es,
        settings.indexPrefix,
        { kind: "group", fingerprint: first.fingerprint },
        { state: "resolved" },
        "alice",
      );
      // The next dead letters' Kafka timestamps must fall after the closing.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await produce(topic, [cardDeclined(2), cardDeclined(3)]);
      await eventually("the regression's webhook", async () => receiver.received.length === 2);
      expect(DlqGroupNotification.parse(receiver.received[1]?.body)).toMatchObject({
        event: "dlq.group.regressed",
        fingerprint: first.fingerprint,
        firstRecordId: `${topic}:0:1`,
        correlationId: "order-2",
        regressedAfter: { state: "resolved", since: triage.stateSince },
      });
      expect(
        await getNotification(es, settings.indexPrefix, first.fingerprint, triage.stateSince),
      ).toMatchObject({ status: "delivered", firstRecordId: `${topic}:0:1` });

      // Still resolved since the same moment: later failures are the same regression.
      await produce(topic, [cardDeclined(4)]);
      await committedUpTo(settings, topic, "4");
    } finally {
      await collector.stop(10_000);
    }
    expect(receiver.received).toHaveLength(2);
    expect(metrics.dlqWebhooks).toEqual({ delivered: 2, failed: 0 });
  });

  it("retries a webhook that answers 500 and records the delivery", async () => {
    const receiver = await startReceiver([500]);
    const topic = await dlqTopic();
    const settings = settingsFor(topic, receiver.url);
    await produce(topic, [cardDeclined(7)]);

    const { collector, metrics } = await startTestCollector({ config: settings, kafka, es });
    try {
      const fingerprint = (await indexedFingerprintsEventually(settings.indexPrefix)).get("0");
      const claim = await eventually("the notification to be delivered", async () => {
        const stored = await getNotification(es, settings.indexPrefix, fingerprint ?? "");
        return stored?.status === "delivered" ? stored : null;
      });
      expect(claim).toMatchObject({ httpStatus: 200, attempts: 2, error: null });
      expect(receiver.received).toHaveLength(2);
      const [failed, retried] = receiver.received.map(({ body }) =>
        DlqGroupNotification.parse(body),
      );
      expect(failed?.fingerprint).toBe(fingerprint);
      expect(retried).toEqual(failed);
      expect(metrics.dlqWebhooks).toEqual({ delivered: 1, failed: 0 });
    } finally {
      await collector.stop(10_000);
    }
  });
});

async function indexedFingerprintsEventually(prefix: string): Promise<Map<string, string>> {
  return eventually("the dead letter to be indexed", async () => {
    const fingerprints = await indexedFingerprints(prefix);
    return fingerprints.size > 0 ? fingerprints : null;
  });
}
