import { setTimeout as sleep } from "node:timers/promises";
import type { Client } from "@elastic/elasticsearch";
import type { Admin, Consumer, Kafka, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonLineLog } from "@/demo/log";
import { startShop, type Shop } from "@/demo/shop";
import { Topics } from "@/demo/topics";
import type { Config } from "@/lib/config/config";
import { createElasticsearch } from "@/lib/elastic/client";
import { ensureLagTemplate } from "@/lib/elastic/lag-indices";
import { createKafka } from "@/lib/kafka/client";
import type { LagStatus } from "@/lib/lag/status";
import type { LagRow } from "@/lib/lag/views";
import { createLogger } from "@/lib/log";
import { getLagGroup } from "@/lib/server/get-lag-group";
import { getLagOverview } from "@/lib/server/get-lag-overview";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { startLagSampler } from "./lag-sampler";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";

/**
 * The lag sampler against the real broker and Elasticsearch, read back through the same code
 * the API uses. A short sample interval and window keep the test quick.
 */
const config: Config = testConfig({
  CAUSEWAY_INDEX_PREFIX: uniqueName("lag"),
  CAUSEWAY_LAG_SAMPLE_MS: "500",
  CAUSEWAY_LAG_WINDOW_MS: "4000",
});
const silent = createLogger("test", () => undefined);
let kafka: Kafka;
let admin: Admin;
let es: Client;
let producer: Producer;
let sampler: { stop(): Promise<void> };
const topics: string[] = [];
const groups: string[] = [];
const consumers: Consumer[] = [];

beforeAll(async () => {
  kafka = createKafka(config.kafkaBrokers, "lag-sampler-test");
  admin = kafka.admin();
  es = createElasticsearch(config.elasticsearchUrl);
  producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  await ensureLagTemplate(es, config.indexPrefix);
  sampler = startLagSampler({
    config,
    kafka: createKafka(config.kafkaBrokers, "lag-sampler-test", { retries: 1 }),
    es,
    log: silent,
  });
});

afterAll(async () => {
  await sampler?.stop();
  await Promise.all(consumers.map((c) => c.disconnect()));
  await producer?.disconnect();
  await admin?.deleteGroups(groups).catch(() => undefined);
  await admin?.deleteTopics({ topics }).catch(() => undefined);
  await admin?.disconnect();
  await es?.indices.delete({ index: `${config.indexPrefix}-*`, allow_no_indices: true });
  await es?.indices.deleteIndexTemplate({ name: `${config.indexPrefix}-lag` });
  await es?.close();
});

async function newTopic(label: string, numPartitions: number): Promise<string> {
  const topic = uniqueName(label);
  topics.push(topic);
  await createTopicsWithLeaders(admin, [{ topic, numPartitions }]);
  return topic;
}

async function produce(topic: string, count: number): Promise<void> {
  const messages = Array.from({ length: count }, (_, i) => ({
    key: `k${i}`,
    value: JSON.stringify({ n: i }),
  }));
  await producer.send({ topic, messages });
}

/** Produces one record every `everyMs` until the returned function is called. */
function keepProducing(topic: string, everyMs: number): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    while (running) {
      await produce(topic, 1);
      await sleep(everyMs);
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

/** A consumer group reading `topic` from the start; resolves once it has joined. */
async function consume(topic: string, groupId: string, seen: { count: number }) {
  groups.push(groupId);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  consumers.push(consumer);
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async () => {
      seen.count += 1;
    },
  });
  await joined;
  return consumer;
}

async function rowOf(group: string, topic: string): Promise<LagRow | undefined> {
  const overview = await getLagOverview(es, config);
  return overview.rows.find((r) => r.group === group && r.topic === topic);
}

function isOneOf(statuses: LagStatus[]) {
  return (row: LagRow | undefined) => (row && statuses.includes(row.status) ? row : null);
}

// Each round samples every group on the shared broker, so rounds are slower than the interval.
describe("lag sampler", { timeout: 120_000 }, () => {
  it("shows STOP and growing seconds for a group that consumed and then stopped", async () => {
    const topic = await newTopic("stops", 2);
    const group = uniqueName("stops-group");
    await produce(topic, 20);
    const seen = { count: 0 };
    const consumer = await consume(topic, group, seen);
    await eventually("the group to consume 20 records", async () => seen.count >= 20);
    await consumer.disconnect();
    const stopProducing = keepProducing(topic, 300);
    try {
      const stopped = await eventually("the group to be judged STOP", async () =>
        isOneOf(["STOP"])(await rowOf(group, topic)),
      );
      expect(stopped.presence).toBe("no-members");
      expect(stopped.explanation).toMatch(/has not moved/);
      const before = stopped.maxLagSeconds ?? 0;
      const later = await eventually("the lag in seconds to grow", async () => {
        const row = await rowOf(group, topic);
        return row && (row.maxLagSeconds ?? 0) > before + 1 ? row : null;
      });
      expect(later.status).toBe("STOP");
      expect(later.totalLag).toBeGreaterThan(stopped.totalLag);
    } finally {
      await stopProducing();
    }
  });

  it("shows OK for a group that keeps up with a steady stream", async () => {
    const topic = await newTopic("keeps-up", 2);
    const group = uniqueName("keeps-up-group");
    const stopProducing = keepProducing(topic, 200);
    try {
      await consume(topic, group, { count: 0 });
      // A full window of samples first: the verdict needs a window to judge.
      const warm = await eventually(
        "a window of samples",
        async () => {
          const row = await rowOf(group, topic);
          const first = row?.trend[0];
          const spanMs = row && first ? Date.parse(row.sampledAt) - Date.parse(first.t) : 0;
          return spanMs > config.lagWindowMs ? row : null;
        },
        60_000,
      );
      expect(warm.presence).toBe("active");
      const seen: LagStatus[] = [];
      for (let i = 0; i < 6; i += 1) {
        seen.push((await rowOf(group, topic))?.status ?? "ERR");
        await sleep(config.lagSampleMs);
      }
      expect(seen).toEqual(Array(6).fill("OK"));
    } finally {
      await stopProducing();
    }
  });

  it("reports the same lag in messages as the broker at a quiet moment", async () => {
    const topic = await newTopic("quiet", 3);
    const group = uniqueName("quiet-group");
    groups.push(group);
    await producer.send({
      topic,
      messages: [0, 1, 2].flatMap((partition) =>
        Array.from({ length: 7 + partition * 5 }, (_, i) => ({ partition, value: `v${i}` })),
      ),
    });
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: "3" },
        { partition: 1, offset: "12" },
        { partition: 2, offset: "0" },
      ],
    });
    const quietSince = Date.now();
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    const broker = [0, 1, 2].map((partition) => {
      const c = Number(committed?.partitions.find((p) => p.partition === partition)?.offset);
      const end = Number(ends.find((e) => e.partition === partition)?.high);
      return { partition, committed: c, end, lag: end - c };
    });

    const detail = await eventually("a sample taken after the broker was read", async () => {
      const d = await getLagGroup(es, config, group, { from: quietSince - 60_000, to: Date.now() });
      const t = d?.topics.find((x) => x.topic === topic);
      return t && Date.parse(t.sampledAt) > quietSince ? t : null;
    });
    expect(
      detail.partitions.map((p) => ({
        partition: p.partition,
        committed: p.committed,
        end: p.end,
        lag: p.lag,
      })),
    ).toEqual(broker);
    expect(detail.totalLag).toBe(broker.reduce((n, p) => n + p.lag, 0));
  });
});

describe("lag of the demo shop", () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await startShop({ brokers: config.kafkaBrokers, log: jsonLineLog(() => undefined) });
  });
  afterAll(async () => {
    await shop?.stop();
  });

  it(
    "goes from OK to WARN/STOP while a consumer is paused, and back to OK after it resumes",
    {
      timeout: 120_000,
    },
    async () => {
      const group = "notification-service";
      const topic = Topics.shipments;
      await shop.placeOrder("ok");
      await eventually(
        "notification-service to be OK",
        async () => isOneOf(["OK"])(await rowOf(group, topic)),
        60_000,
      );

      shop.pauseService("notification-service");
      let ordering = true;
      const orders = (async () => {
        while (ordering) {
          await shop.placeOrder("ok");
          await sleep(400);
        }
      })();
      try {
        const behind = await eventually(
          "the paused consumer to be judged WARN or STOP",
          async () => isOneOf(["WARN", "STOP"])(await rowOf(group, topic)),
          60_000,
        );
        expect(behind.totalLag).toBeGreaterThan(0);
      } finally {
        ordering = false;
        await orders;
        shop.resumeService("notification-service");
      }
      const recovered = await eventually(
        "the resumed consumer to be OK again",
        async () => isOneOf(["OK"])(await rowOf(group, topic)),
        60_000,
      );
      expect(recovered.totalLag).toBe(0);
    },
  );
});
