import { indexedEvents } from "@/lib/testing/indexed-events";
import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { afterAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { Event } from "@/lib/events/event";
import { createKafka } from "@/lib/kafka/client";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";
import { planReplay } from "@/lib/replay/plan";
import { startTcpProxy } from "@/lib/testing/tcp-proxy";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { deleteTestIndices, deleteTestTopics } from "@/lib/testing/cleanup";
import { startTestCollector } from "./test-collector";

const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? "http://127.0.0.1:8081/apis/ccompat/v7";
const config = testConfig({});
const kafka = createKafka(config.kafkaBrokers, "schema-registry-int-test");
const es = createElasticsearch(config.elasticsearchUrl);
const registry = new SchemaRegistry({ host: registryUrl });
const family = uniqueName("registry");
const prefixes: string[] = [];

afterAll(async () => {
  for (const prefix of prefixes) await deleteTestIndices(es, prefix);
  await deleteTestTopics(kafka, { topics: { family } });
});

const avroSchema = JSON.stringify({
  type: "record",
  name: "OrderPlaced",
  namespace: "shop",
  fields: [
    { name: "eventId", type: "string" },
    { name: "eventType", type: "string" },
    { name: "correlationId", type: "string" },
    { name: "causationId", type: ["null", "string"], default: null },
    { name: "amount", type: "long" },
    { name: "note", type: "bytes" },
  ],
});
const protoSchema = `syntax = "proto3";
package shop;
message PaymentTaken {
  string eventId = 1;
  string eventType = 2;
  string correlationId = 3;
  string causationId = 4;
}`;
const jsonSchema = JSON.stringify({
  type: "object",
  properties: {
    eventId: { type: "string" },
    eventType: { type: "string" },
    correlationId: { type: "string" },
    causationId: { type: "string" },
  },
  required: ["eventId", "correlationId"],
});

async function topic(name: string): Promise<string> {
  const full = `${family}-${name}`;
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(admin, [{ topic: full, numPartitions: 1 }]);
  await admin.disconnect();
  return full;
}

async function produce(name: string, values: Buffer[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: name, messages: values.map((value) => ({ partition: 0, value })) });
  await producer.disconnect();
}

async function collect(prefix: string, topics: string, url: string) {
  prefixes.push(prefix);
  const { collector } = await startTestCollector({
    config: testConfig({
      CAUSEWAY_INDEX_PREFIX: prefix,
      CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
      CAUSEWAY_TOPICS: topics,
      CAUSEWAY_TOPIC_REFRESH_MS: "1000",
      SCHEMA_REGISTRY_URL: url,
      CAUSEWAY_SCHEMA_RETRY_MS: "500",
    }),
    kafka,
    es,
  });
  return collector;
}

describe("collector decodes what the schema registry describes", () => {
  it("reads Avro, Protobuf and JSON Schema records into chains and flags an unknown id", async () => {
    const run = uniqueName("chain");
    const avro = await registry.register(
      { type: SchemaType.AVRO, schema: avroSchema },
      { subject: `${run}-avro-value` },
    );
    const proto = await registry.register(
      { type: SchemaType.PROTOBUF, schema: protoSchema },
      { subject: `${run}-proto-value` },
    );
    const json = await registry.register(
      { type: SchemaType.JSON, schema: jsonSchema },
      { subject: `${run}-json-value` },
    );
    const avroBytes = await registry.encode(avro.id, {
      eventId: `${run}-e1`,
      eventType: "OrderPlaced",
      correlationId: run,
      causationId: null,
      amount: 42,
      note: Buffer.from([0, 1, 2]),
    });
    const unknown = Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0]), Buffer.from("xx")]);
    const name = await topic("orders-dlq");
    await produce(name, [
      avroBytes,
      await registry.encode(proto.id, {
        eventId: `${run}-e2`,
        eventType: "PaymentTaken",
        correlationId: run,
        causationId: `${run}-e1`,
      }),
      await registry.encode(json.id, {
        eventId: `${run}-e3`,
        eventType: "Shipped",
        correlationId: run,
        causationId: `${run}-e2`,
      }),
      unknown,
    ]);
    const prefix = uniqueName("idx");
    const collector = await collect(prefix, `^${name}$`, registryUrl);
    let docs: Event[];
    try {
      docs = await eventually("4 indexed records", async () => {
        const found = await indexedEvents(es, prefix);
        return found.length === 4 ? found : null;
      });
    } finally {
      await collector.stop(1_000);
    }
    const [a, p, j, u] = docs;
    expect(docs.slice(0, 3).map((d) => [d.eventId, d.correlationId, d.causationId])).toEqual([
      [`${run}-e1`, run, null],
      [`${run}-e2`, run, `${run}-e1`],
      [`${run}-e3`, run, `${run}-e2`],
    ]);
    expect(a?.eventType).toBe("OrderPlaced");
    expect(a?.payload).toMatchObject({ amount: 42, note: "base64:AAEC" });
    expect(a?.valueSchema).toMatchObject({ id: avro.id, format: "avro" });
    expect(p?.valueSchema).toMatchObject({ id: proto.id, format: "protobuf" });
    expect(j?.valueSchema).toMatchObject({ id: json.id, format: "json" });
    expect(u?.flags).toContain("schema-unknown");
    expect(u?.eventId).toBeNull();

    // Replay sends the exact bytes that were produced, not the decoded JSON.
    const plan = planReplay(
      a as Event,
      { recordId: (a as Event).id, reason: "test", targetTopic: "orders" },
      {
        actor: "test",
        chain: [],
        earlierReplays: [],
        isDeadLetterTopic: () => false,
        targetRefusal: () => null,
      },
    );
    expect(plan.valueEncoding).toBe("base64");
    expect(Buffer.from(plan.value ?? "", "base64").equals(avroBytes)).toBe(true);
  });

  it("flags records read while the registry is down and decodes them once it answers", async () => {
    const run = uniqueName("down");
    const avro = await registry.register(
      { type: SchemaType.AVRO, schema: avroSchema },
      { subject: `${run}-value` },
    );
    const registryPort = Number(new URL(registryUrl).port || 80);
    const proxy = await startTcpProxy(registryPort, new URL(registryUrl).hostname);
    proxy.cut();
    const name = await topic("late");
    await produce(name, [
      await registry.encode(avro.id, {
        eventId: `${run}-e1`,
        eventType: "OrderPlaced",
        correlationId: run,
        causationId: null,
        amount: 7,
        note: Buffer.alloc(0),
      }),
    ]);
    const prefix = uniqueName("idx");
    const proxied = new URL(registryUrl);
    proxied.port = String(proxy.port);
    const collector = await collect(prefix, `^${name}$`, proxied.toString());
    try {
      const [flagged] = await eventually("the record indexed flagged", async () => {
        const found = await indexedEvents(es, prefix);
        return found.length === 1 ? found : null;
      });
      expect(flagged?.flags).toContain("schema-unavailable");
      expect(flagged?.eventId).toBeNull();
      proxy.restore();
      const [decoded] = await eventually("the record decoded by the retry job", async () => {
        const found = await indexedEvents(es, prefix);
        return found[0]?.eventId ? found : null;
      });
      expect(decoded?.correlationId).toBe(run);
      expect(decoded?.flags).not.toContain("schema-unavailable");
      expect(decoded?.valueSchema).toMatchObject({ id: avro.id, format: "avro" });
    } finally {
      await collector.stop(1_000);
      await proxy.close();
    }
  });
});
