import { indexedEventsById } from "@/lib/testing/indexed-events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAttempt } from "@/lib/chain/topics";
import { describeConnectFailure } from "@/lib/dlq/failure";
import { createElasticsearch } from "@/lib/elastic/client";
import { findEventById } from "@/lib/elastic/event-by-id";
import { asText } from "@/lib/envelope/bytes";
import { Event, type Header } from "@/lib/events/event";
import { createKafka } from "@/lib/kafka/client";
import { getBoard } from "@/lib/server/dlq-board";
import { getChain } from "@/lib/server/get-chain";
import { type JavaDeadLetter, runRealClients, springTopics } from "@/lib/testing/real-clients";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { deleteTestIndices, deleteTestTopics } from "@/lib/testing/cleanup";
import { startTestCollector } from "./test-collector";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";

/**
 * Real Spring Kafka 3.3.4 (`@RetryableTopic` + DeadLetterPublishingRecoverer) and a real Kafka
 * Connect 3.9.2 worker (FileStreamSink, JsonConverter with schemas, DLQ with context headers)
 * dead-letter records on the broker; the collector indexes what they wrote.
 */
const config = testConfig({});
const kafka = createKafka(config.kafkaBrokers, "real-clients-int-test");
const es = createElasticsearch(config.elasticsearchUrl);
const family = uniqueName("real-clients");
const indexPrefix = uniqueName("idx");
const springTopic = `${family}-orders`;
const spring = springTopics(springTopic);
const connectTopic = `${family}-sink`;
// Sorts before its source topic by name, so only causation can put the original first.
const connectDlqTopic = `${family}-dlq-sink`;
const connectorName = `rj-file-sink-${family.slice(-8)}`;
const correlation = (n: number) => `${family}-order-${n}`;

const springOrders = [
  { orderId: "ord-1001", sku: "sku-17", quantity: "2" },
  { orderId: "ord-2002", sku: "sku-42", quantity: "1" },
  { orderId: "ord-3003", sku: "sku-9", quantity: "2x" },
  { orderId: "ord-4004", sku: "sku-5", quantity: "1", colour: "red" },
];
// Plain JSON, where JsonConverter with schemas.enable=true expects {schema, payload}.
const connectRecords = [
  { orderId: "ord-5005", note: "plain json" },
  { orderId: "ord-6006", note: "plain json" },
];
// Each Spring order: the original, one record per retry topic, the dead letter.
const total = springOrders.length * 4 + connectRecords.length * 2;

let java: JavaDeadLetter[] = [];
let docs = new Map<string, Event>();

function doc(topic: string, offset: number): Event {
  const event = docs.get(`${topic}:0:${offset}`);
  if (!event) throw new Error(`no document for ${topic}@${offset}`);
  return event;
}

function dlq(topic: string, offset: number) {
  const found = doc(topic, offset).dlq;
  if (!found) throw new Error(`${topic}@${offset} is not a dead letter`);
  return found;
}

/** Each header name with its values in order, as the index shows a Java client's headers. */
function valuesByName(headers: readonly Header[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const { key, value } of headers) byName.set(key, [...(byName.get(key) ?? []), value]);
  return byName;
}

function javaHeaders(record: JavaDeadLetter): Header[] {
  return record.headers.map(([key, base64]) => {
    const bytes = Buffer.from(base64 ?? "", "base64");
    return { key, value: asText(bytes) ?? `base64:${bytes.toString("base64")}` };
  });
}

async function produceInputs() {
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(
    admin,
    [springTopic, connectTopic].map((topic) => ({ topic, numPartitions: 1 })),
  );
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const headers = (n: number) => ({
    "correlation-id": correlation(n),
    "event-id": `${family}-evt-${n}`,
    "event-type": "OrderPlaced",
  });
  await producer.send({
    topic: springTopic,
    messages: springOrders.map((order, n) => ({
      partition: 0,
      key: order.orderId,
      value: JSON.stringify(order),
      headers: headers(n),
    })),
  });
  await producer.send({
    topic: connectTopic,
    messages: connectRecords.map((record, n) => ({
      partition: 0,
      key: record.orderId,
      value: JSON.stringify(record),
      headers: headers(springOrders.length + n),
    })),
  });
  await producer.disconnect();
}

beforeAll(async () => {
  await produceInputs();
  java = await runRealClients({
    brokers: config.kafkaBrokers.join(","),
    springTopic,
    springDeadLetters: springOrders.length,
    connectTopic,
    connectDlqTopic,
    connectorName,
    connectDeadLetters: connectRecords.length,
  });
  const { collector } = await startTestCollector({
    config: testConfig({
      CAUSEWAY_INDEX_PREFIX: indexPrefix,
      CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
      CAUSEWAY_TOPICS: `^${family}-`,
      CAUSEWAY_TOPIC_REFRESH_MS: "1000",
    }),
    kafka,
    es,
  });
  try {
    docs = await eventually(
      `${total} indexed records`,
      async () => {
        const found = await indexedEventsById(es, indexPrefix);
        return found.size >= total ? found : null;
      },
      60_000,
    );
  } finally {
    await collector.stop(1_000);
  }
}, 240_000);

afterAll(async () => {
  await deleteTestIndices(es, indexPrefix);
  await deleteTestTopics(kafka, { topics: { family } });
});

describe("real Spring Kafka and Kafka Connect dead letters, as indexed", () => {
  it("indexes every record the clients wrote, and nothing else", () => {
    expect(java.map((r) => r.topic)).toEqual([
      ...springOrders.map(() => spring.deadLetter),
      ...connectRecords.map(() => connectDlqTopic),
    ]);
    expect(docs.size).toBe(total);
  });

  it("names the root cause and Spring's wrapper the same on the record, the chain and the board", async () => {
    const wrapperClass = "org.springframework.kafka.listener.ListenerExecutionFailedException";
    expect(dlq(spring.deadLetter, 0)).toMatchObject({
      errorClass: "java.lang.IllegalStateException",
      errorMessage: expect.stringContaining("Order ord-1001 cannot be reserved") as unknown,
      wrapperClass,
      originalTopic: springTopic,
      originalPartition: 0,
      originalOffset: "0",
      consumerGroup: "causeway-spring-harness",
    });
    expect(dlq(spring.deadLetter, 2)).toMatchObject({
      errorClass: "java.lang.NumberFormatException",
      wrapperClass,
    });
    expect(dlq(spring.deadLetter, 3)).toMatchObject({
      errorClass: "com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException",
      wrapperClass,
    });

    const chain = await getChain(es, indexPrefix, correlation(0));
    const deadLetter = chain?.events.find((e) => e.topic === spring.deadLetter);
    expect(deadLetter?.dlq).toMatchObject({
      errorClass: "java.lang.IllegalStateException",
      wrapperClass,
    });

    const board = await getBoard(es, indexPrefix, { topic: spring.deadLetter }, new Date());
    expect(board.groups.map((g) => [g.errorClass, g.wrapperClass]).sort()).toEqual(
      [
        ["com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException", wrapperClass],
        ["java.lang.IllegalStateException", wrapperClass],
        ["java.lang.NumberFormatException", wrapperClass],
      ].sort(),
    );
  });

  it("reads Spring's delay-named retry topics as attempts, and the attempt from the last header", () => {
    springOrders.forEach((_, offset) => {
      const [first, second] = spring.retries.map((topic) => doc(topic, offset));
      expect(first).toMatchObject({ dlq: null, attempt: 2 });
      expect(second).toMatchObject({ dlq: null, attempt: 3 });
      expect([first, second].every((e) => e && isAttempt(e))).toBe(true);
      // Spring appended retry_topic-attempts 2, 3 and 4 on the way: three attempts were made.
      const deadLetter = doc(spring.deadLetter, offset);
      expect(
        deadLetter.headers.filter((h) => h.key === "retry_topic-attempts").map((h) => h.value),
      ).toHaveLength(3);
      expect(deadLetter.attempt).toBe(3);
    });
  });

  it("keeps every header Spring and Connect wrote, duplicates in order, in the index and the detail API", async () => {
    for (const record of java) {
      const id = `${record.topic}:${record.partition}:${record.offset}`;
      const stored = docs.get(id)?.headers ?? [];
      const expected = javaHeaders(record);
      expect(stored).toHaveLength(expected.length);
      expect(valuesByName(stored)).toEqual(valuesByName(expected));
      // What GET /api/events/{id} reads for the detail panel.
      expect((await findEventById(es, indexPrefix, id))?.headers).toEqual(stored);
    }
    expect(java[0]?.headers.length).toBeGreaterThan(
      new Set(java[0]?.headers.map(([key]) => key)).size,
    );
  });

  it("takes the failure time of Spring and Connect dead letters from the DLQ record", () => {
    for (const record of java) {
      const stored = doc(record.topic, Number(record.offset));
      expect(stored.dlq?.failedAt).toBe(new Date(Number(record.timestamp)).toISOString());
    }
  });

  it("puts Connect's stage, class, connector and task in the dlq object and on the board", async () => {
    expect(dlq(connectDlqTopic, 0)).toMatchObject({
      originalTopic: connectTopic,
      originalPartition: 0,
      originalOffset: "0",
      errorClass: "org.apache.kafka.connect.errors.DataException",
      wrapperClass: null,
      consumerGroup: `connect-${connectorName}`,
      stage: "VALUE_CONVERTER",
      stageClass: "org.apache.kafka.connect.json.JsonConverter",
      connectorName,
      taskId: 0,
    });
    const board = await getBoard(es, indexPrefix, { topic: connectDlqTopic }, new Date());
    expect(board.groups).toHaveLength(1);
    const [group] = board.groups;
    expect(group && describeConnectFailure(group)).toBe(
      `VALUE_CONVERTER in ${connectorName} task 0`,
    );
    expect(group?.stageClass).toBe("org.apache.kafka.connect.json.JsonConverter");
  });

  it("groups real Spring, JDK, Jackson and Connect failures by their shape", async () => {
    const board = await getBoard(es, indexPrefix, {}, new Date());
    const byClass = new Map(board.groups.map((g) => [g.errorClass, g]));
    // Two orders with different ids, quantities and SKUs: one group, the quoted word kept.
    expect(byClass.get("java.lang.IllegalStateException")).toMatchObject({
      count: 2,
      message: 'Order <*> cannot be reserved: warehouse "central" has no stock for <*> x <*>',
    });
    expect(byClass.get("java.lang.NumberFormatException")?.message).toBe("For input string: <*>");
    expect(
      byClass.get("com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException")?.message,
    ).toContain('Unrecognized field "colour"');
    expect(byClass.get("org.apache.kafka.connect.errors.DataException")).toMatchObject({
      count: 2,
      message: expect.stringContaining(
        'JsonConverter with schemas.enable requires "schema" and "payload" fields',
      ) as unknown,
    });
  });

  it("orders a Connect dead letter, stamped with its original's time, after the original", async () => {
    const original = doc(connectTopic, 0);
    const deadLetter = doc(connectDlqTopic, 0);
    // Connect keeps the original's timestamp on the DLQ record.
    expect(deadLetter.timestamp).toBe(original.timestamp);
    const chain = await getChain(es, indexPrefix, correlation(springOrders.length));
    expect(chain?.events.map((e) => e.topic)).toEqual([connectTopic, connectDlqTopic]);
  });
});
