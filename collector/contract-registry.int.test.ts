import { randomUUID } from "node:crypto";
import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { afterAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { createKafka } from "@/lib/kafka/client";
import { getContract } from "@/lib/server/get-contracts";
import { eventually, uniqueName } from "@/lib/testing/real-stack";
import { deleteTestIndices, deleteTestTopics } from "@/lib/testing/cleanup";
import {
  contractTestConfig,
  createConsumedTopic,
  shapesStored,
  withContractDeps,
} from "@/lib/testing/contracts";
import { startTestCollector } from "./test-collector";

/**
 * An Avro schema evolved v1 → v2 in the real registry, with a field removed: the contract lists
 * both registered versions, ties each observed shape to the schema id it was decoded with, and
 * reports one breaking drift naming the field and the consumer group.
 */
const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? "http://127.0.0.1:8081/apis/ccompat/v7";
const topic = uniqueName("contract-avro");
const subject = `${topic}-value`;
const eventType = `OrderPlaced-${randomUUID().slice(0, 8)}`;
const group = `payment-service-${randomUUID().slice(0, 6)}`;
const config = contractTestConfig(topic, { SCHEMA_REGISTRY_URL: registryUrl });
const kafka = createKafka(config.kafkaBrokers, "contract-registry-int-test");
const es = createElasticsearch(config.elasticsearchUrl);
const registry = new SchemaRegistry({ host: registryUrl });

const envelopeFields = [
  { name: "event_id", type: "string" },
  { name: "event_type", type: "string" },
  { name: "correlation_id", type: "string" },
  { name: "order_id", type: "string" },
];
const v1 = {
  type: "record",
  name: "OrderPlaced",
  namespace: "shop",
  fields: [...envelopeFields, { name: "total", type: "double" }],
};
const v2 = {
  ...v1,
  fields: [...envelopeFields, { name: "total_cents", type: "long", default: 0 }],
};

afterAll(async () => {
  await deleteTestIndices(es, config.indexPrefix);
  await deleteTestTopics(kafka, { topics: [topic], groups: [group] });
});

describe("contracts read the registry", () => {
  it("lists both registered versions and one breaking drift naming the removed field and the group", async () => {
    const first = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(v1) },
      { subject },
    );
    const second = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(v2) },
      { subject },
    );
    const order = (n: number) => ({
      event_id: `e-${n}`,
      event_type: eventType,
      correlation_id: `order-${n}`,
      order_id: `order-${n}`,
    });
    await createConsumedTopic(kafka, topic, [group]);

    const { collector, metrics } = await startTestCollector({ config, kafka, es });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({
        topic,
        messages: [
          { value: await registry.encode(first.id, { ...order(1), total: 12.5 }) },
          { value: await registry.encode(first.id, { ...order(2), total: 3 }) },
        ],
      });
      await eventually("the v1 shape to be stored", () => shapesStored(es, config.indexPrefix, 1));
      await producer.send({
        topic,
        messages: [
          { value: await registry.encode(second.id, { ...order(3), total_cents: 1250 }) },
          // Wire format naming v1, with bytes v1 cannot read.
          {
            value: Buffer.concat([
              Buffer.from([0]),
              int32(first.id),
              Buffer.from([0xff, 0xff, 0xff]),
            ]),
          },
        ],
      });
      await eventually("the breaking drift to be counted", async () =>
        metrics.breakingDrifts.get(eventType) === 1 ? true : null,
      );
      await eventually("all four records indexed", async () => metrics.recordsIndexed >= 4);
    } finally {
      await producer.disconnect();
      await collector.stop();
    }

    await withContractDeps({ config, es, kafka }, async (deps) => {
      const contract = await getContract(deps, eventType);
      expect(contract).toMatchObject({
        eventType,
        records: 3,
        shapeCount: 2,
        breakingDrifts: 1,
        subjects: [subject],
        registryError: null,
      });
      expect(contract?.registered?.map((v) => [v.subject, v.version, v.id, v.schemaType])).toEqual([
        [subject, 1, first.id, "AVRO"],
        [subject, 2, second.id, "AVRO"],
      ]);
      expect(contract?.versions.map((v) => v.schemaIds)).toEqual([[first.id], [second.id]]);
      const [drift] = contract?.drifts ?? [];
      expect(drift?.breaking).toBe(true);
      expect(drift?.removed).toEqual([{ path: "total", type: "number" }]);
      expect(drift?.sentence).toContain(`consumers of \`${topic}\`: ${group}`);

      // The record v1 could not read has no type: it counts toward its topic's contract.
      const offSchema = await getContract(deps, topic);
      expect(offSchema?.schemaMismatches).toBe(1);
    });
  });
});

function int32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(value);
  return bytes;
}
