import fs from "node:fs";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultKafkaNode, startKafka, stopKafka, type KafkaNode } from "@/stack/kafka";
import { createElasticsearch } from "@/lib/elastic/client";
import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { createKafka } from "@/lib/kafka/client";
import { createLogger } from "@/lib/log";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import {
  compareWithBroker,
  createTopic,
  indexedCount,
  indexedRecords,
  startSteadyProducer,
  untilCommitted,
  steadyEventId,
} from "@/lib/testing/stream-fixtures";
import { deleteTestIndices } from "@/lib/testing/cleanup";
import { startCollector } from "./collector";
import { startHttpServer } from "./http";
import { CollectorMetrics } from "./metrics";
import { createProbes } from "./probes";

const TOTAL = 900;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const base = testConfig({});
const es = createElasticsearch(base.elasticsearchUrl);
const prefix = uniqueName("broker");
let node: KafkaNode;

// A broker of this test's own: the shared one on 9092 serves everyone else and is never stopped.
beforeAll(async () => {
  node = {
    port: await freePort(),
    controllerPort: await freePort(),
    dir: fs.mkdtempSync(path.join(os.tmpdir(), "cwint-broker-")),
    heap: "384m",
  };
  expect(node.port).not.toBe(defaultKafkaNode.port);
  await startKafka(node);
}, 150_000);

afterAll(async () => {
  await stopKafka(node);
  fs.rmSync(node.dir, { recursive: true, force: true });
  await deleteTestIndices(es, prefix);
}, 60_000);

describe("collector across a broker restart", () => {
  it("reconnects by itself, reports Kafka down on /healthz meanwhile, and indexes every record", async () => {
    const kafka = createKafka([`127.0.0.1:${node.port}`], "broker-restart-int-test");
    const topic = uniqueName("restart");
    await createTopic(kafka, topic, 2);
    const config = testConfig({
      KAFKA_BROKERS: `127.0.0.1:${node.port}`,
      CAUSEWAY_INDEX_PREFIX: prefix,
      CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
      CAUSEWAY_TOPICS: `^${topic}$`,
      CAUSEWAY_TOPIC_REFRESH_MS: "1000",
    });
    await ensureEventsTemplate(es, prefix);
    const messages: string[] = [];
    const metrics = new CollectorMetrics();
    const collector = await startCollector({
      config,
      kafka,
      es,
      log: createLogger("collector", (line) => {
        messages.push((JSON.parse(line) as { message: string }).message);
      }),
      metrics,
    });
    const probes = createProbes({ config, kafka, es, collector });
    const server = await startHttpServer(0, metrics, probes);
    const healthz = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
    try {
      const producer = startSteadyProducer(kafka, topic, {
        total: TOTAL,
        perTick: 10,
        tickMs: 200,
        partitions: 2,
      });
      const beforeRestart = await eventually(
        "a third indexed",
        async () => {
          const n = await indexedCount(es, prefix, topic);
          return n >= TOTAL / 3 ? n : null;
        },
        60_000,
      );

      await stopKafka(node);
      const down = await eventually(
        "/healthz reporting Kafka down",
        async () => {
          const response = await fetch(healthz);
          const body = (await response.json()) as { reasons: string[] };
          return response.status === 503 && body.reasons.some((r) => r.startsWith("kafka"))
            ? body
            : null;
        },
        60_000,
      );
      await startKafka(node);

      expect(await producer.done).toBeGreaterThanOrEqual(TOTAL);
      const ends = await untilCommitted(
        "every record committed after the restart",
        kafka,
        { groupId: config.collectorGroup, topic },
        120_000,
      );
      const records = await indexedRecords(es, prefix, topic);
      const comparison = compareWithBroker(records, ends);
      expect(comparison.missing).toEqual([]);
      expect(comparison.duplicated).toEqual([]);
      expect(comparison.indexed).toBe(comparison.expected);
      const eventIds = new Set(records.map((r) => r.eventId));
      for (let i = 0; i < TOTAL; i += 1) expect(eventIds.has(steadyEventId(topic, i))).toBe(true);
      await eventually("/healthz healthy again", async () => (await fetch(healthz)).ok, 60_000);
      console.info(
        `[faults] broker restart: ${beforeRestart} indexed before the stop; /healthz said "${down.reasons.join("; ")}"; ` +
          `afterwards ${comparison.indexed} of ${comparison.expected} records in the topic indexed ` +
          `(${TOTAL} produced, ${comparison.expected - TOTAL} written twice by producer retries), ` +
          `log: ${messages.filter((m) => m.startsWith("kafka") || m.startsWith("consumer")).join(" | ")}`,
      );
    } finally {
      await collector.stop(1_000);
      await probes.close().catch(() => undefined);
      server.close();
    }
  }, 240_000);
});
