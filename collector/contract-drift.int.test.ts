import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { createKafka } from "@/lib/kafka/client";
import { getContract, listContracts } from "@/lib/server/get-contracts";
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
 * An event type evolves v1 → v2 with a field removed, on a real broker and Elasticsearch: the
 * collector stores both shapes, counts and posts one breaking drift, and the contract names the
 * field and the consumer groups that committed offsets on the topic.
 */
const topic = uniqueName("contracts");
const eventType = `OrderPlaced-${randomUUID().slice(0, 8)}`;
// Not named like Causeway's own groups, which the consumer list leaves out.
const groups = [
  `payment-service-${randomUUID().slice(0, 6)}`,
  `analytics-${randomUUID().slice(0, 6)}`,
];
const config = contractTestConfig(topic);
const kafka = createKafka(config.kafkaBrokers, "contracts-int-test");
const es = createElasticsearch(config.elasticsearchUrl);

const posts: unknown[] = [];
const webhook = createServer((request: IncomingMessage, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    posts.push(JSON.parse(body));
    response.writeHead(204).end();
  });
});

afterAll(async () => {
  webhook.close();
  await deleteTestIndices(es, config.indexPrefix);
  await deleteTestTopics(kafka, { topics: [topic], groups });
});

function order(n: number, version: 1 | 2) {
  const money = version === 1 ? { total: 12.5 } : { total_cents: 1250 };
  return {
    value: JSON.stringify({
      event_id: `e-${version}-${n}`,
      event_type: eventType,
      correlation_id: `order-${n}`,
      schema_version: String(version),
      producer: "order-service",
      payload: { order_id: `order-${n}`, ...money },
    }),
  };
}

describe("contract drift", () => {
  it("finds one breaking drift naming the removed field and the consumer groups", async () => {
    await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
    const port = (webhook.address() as AddressInfo).port;
    const settings = { ...config, dlqWebhookUrl: `http://127.0.0.1:${port}/hook` };
    await createConsumedTopic(kafka, topic, groups);

    const { collector, metrics } = await startTestCollector({ config: settings, kafka, es });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic, messages: [1, 2, 3].map((n) => order(n, 1)) });
      // v2 only after v1's shape is stored, so first sight follows production order.
      await eventually("the v1 shape to be stored", () => shapesStored(es, config.indexPrefix, 1));
      await producer.send({ topic, messages: [4, 5, 6, 7].map((n) => order(n, 2)) });
      await eventually("the breaking drift to be counted", async () =>
        metrics.breakingDrifts.get(eventType) === 1 ? true : null,
      );
      await eventually("the drift webhook", async () => posts.length === 1);
    } finally {
      await producer.disconnect();
      await collector.stop();
    }

    expect(posts[0]).toMatchObject({
      event: "contract.drift.breaking",
      eventType,
      topic,
      removed: [{ path: "total", type: "number" }],
      added: [{ path: "total_cents", type: "number" }],
    });

    await withContractDeps({ config, es, kafka }, async (deps) => {
      const contract = await getContract(deps, eventType);
      expect(contract).not.toBeNull();
      expect(contract).toMatchObject({
        eventType,
        topics: [topic],
        producers: ["order-service"],
        records: 7,
        shapeCount: 2,
        breakingDrifts: 1,
        schemaVersions: ["2", "1"],
        consumersError: null,
      });
      expect(contract?.versions.map((v) => [v.records, v.schemaVersions])).toEqual([
        [3, ["1"]],
        [4, ["2"]],
      ]);
      expect(contract?.consumers.map((c) => c.group)).toEqual([...groups].sort());
      const [drift] = contract?.drifts ?? [];
      expect(drift).toMatchObject({ breaking: true, shareSince: 1 });
      expect(drift?.sentence).toContain("field `total` (number) disappeared");
      expect(drift?.sentence).toContain(
        `consumers of \`${topic}\`: ${[...groups].sort().join(", ")}`,
      );

      const listed = (await listContracts(deps)).find((c) => c.eventType === eventType);
      expect(listed).toMatchObject({ shapeCount: 2, breakingDrifts: 1 });
      // The list does not measure how far each drift spread; the contract's own page does.
      expect(listed?.latestDrift).toContain("field `total` (number) disappeared");
    });
  });
});
