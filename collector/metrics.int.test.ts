import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import {
  ensureCoverageIndex,
  readCoverage,
  summarizeCoverage,
  writeCoverage,
} from "@/lib/elastic/coverage";
import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { createKafka } from "@/lib/kafka/client";
import { createLogger } from "@/lib/log";
import { startHttpFaultProxy } from "@/lib/testing/http-fault-proxy";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { committedOffsets, createTopic, endOffsets } from "@/lib/testing/stream-fixtures";
import { deleteTestIndices } from "@/lib/testing/cleanup";
import { startCollector } from "./collector";
import { startHttpServer } from "./http";
import { CollectorMetrics } from "./metrics";
import { createProbes } from "./probes";

const base = testConfig({});
const kafka = createKafka(base.kafkaBrokers, "metrics-int-test");
const es = createElasticsearch(base.elasticsearchUrl);
const prefix = uniqueName("metrics");

afterAll(() => deleteTestIndices(es, prefix));

/** Prometheus text → sample name with labels → value. */
function parseMetrics(text: string): Map<string, number> {
  return new Map(
    text
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => {
        const cut = line.lastIndexOf(" ");
        return [line.slice(0, cut), Number(line.slice(cut + 1))] as const;
      }),
  );
}

async function produce(topic: string, partition: number, values: (string | Buffer | null)[]) {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: values.map((value) => ({ partition, value })) });
  await producer.disconnect();
}

describe("/metrics, /healthz and index coverage", () => {
  it("reports indexing, decode flags, bulk latency, DLQ depth, own lag, health and coverage", async () => {
    const topic = uniqueName("metered");
    const dlq = `${topic}.DLQ`;
    await createTopic(kafka, topic, 2);
    await createTopic(kafka, dlq, 1);
    const proxy = await startHttpFaultProxy(base.elasticsearchUrl);
    const config = testConfig({
      ELASTICSEARCH_URL: proxy.url,
      CAUSEWAY_INDEX_PREFIX: prefix,
      CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
      CAUSEWAY_TOPICS: `^${topic}`,
      CAUSEWAY_TOPIC_REFRESH_MS: "1000",
    });
    await ensureEventsTemplate(es, prefix);
    await ensureCoverageIndex(es, prefix);
    const json = (i: number) => JSON.stringify({ event_id: `m-${i}`, correlation_id: "c-m" });
    await produce(topic, 0, [json(0), json(1), Buffer.from([0xff, 0xfe]), null]);
    await produce(topic, 1, [json(2), Buffer.from([0x00, 0x00, 0x00, 0x00, 0x07, 0x02])]);
    await produce(dlq, 0, [json(3), json(4), json(5)]);

    const metrics = new CollectorMetrics();
    const collectorEs = createElasticsearch(proxy.url);
    const collector = await startCollector({
      config,
      kafka,
      es: collectorEs,
      log: createLogger("collector", () => undefined),
      metrics,
    });
    const probes = createProbes({ config, kafka, es: collectorEs, collector });
    const server = await startHttpServer(0, metrics, probes);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const scrape = async () => {
      const response = await fetch(`${url}/metrics`);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      return parseMetrics(await response.text());
    };
    const lag = (m: Map<string, number>, t: string, p: number) =>
      m.get(`causeway_consumer_lag{topic="${t}",partition="${p}"}`);
    try {
      const caughtUp = await eventually(
        "all 9 records indexed and committed",
        async () => {
          const m = await scrape();
          return m.get("causeway_records_indexed_total") === 9 &&
            lag(m, topic, 0) === 0 &&
            lag(m, topic, 1) === 0 &&
            lag(m, dlq, 0) === 0
            ? m
            : null;
        },
        60_000,
      );
      expect(caughtUp.get('causeway_decode_flags_total{flag="binary-value"}')).toBe(2);
      expect(caughtUp.get('causeway_decode_flags_total{flag="tombstone"}')).toBe(1);
      expect(caughtUp.get('causeway_decode_flags_total{flag="index-rejected"}')).toBe(0);
      const bulks = caughtUp.get("causeway_bulk_request_duration_seconds_count") ?? 0;
      expect(bulks).toBeGreaterThan(0);
      expect(caughtUp.get('causeway_bulk_request_duration_seconds_bucket{le="+Inf"}')).toBe(bulks);
      expect(caughtUp.get("causeway_bulk_request_duration_seconds_sum")).toBeGreaterThan(0);
      expect(caughtUp.get(`causeway_dlq_depth{topic="${dlq}"}`)).toBe(3);
      expect(caughtUp.has(`causeway_dlq_depth{topic="${topic}"}`)).toBe(false);
      expect(caughtUp.get("causeway_kafka_up")).toBe(1);
      const healthy = await fetch(`${url}/healthz`);
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toMatchObject({ status: "ok", reasons: [], recordsIndexed: 9 });

      const coverage = await eventually(
        "coverage of the three partitions",
        async () => {
          const entries = await readCoverage(es, prefix, [topic, dlq]);
          return entries.length === 3 ? entries : null;
        },
        60_000,
      );
      expect(
        coverage.map(({ topic: t, partition, offset, highWatermark }) => [
          t,
          partition,
          offset,
          highWatermark,
        ]),
      ).toEqual([
        [topic, 0, "3", "4"],
        [topic, 1, "1", "2"],
        [dlq, 0, "2", "3"],
      ]);
      const summary = summarizeCoverage(coverage);
      expect(summary.partitions).toBe(3);
      expect(summary.behind).toEqual([]);
      expect(summary.secondsAgo).not.toBeNull();

      // Elasticsearch goes away: records pile up uncommitted and /healthz says why.
      proxy.mode("refuse");
      await produce(topic, 0, [json(6), json(7), json(8), json(9)]);
      const behind = await eventually(
        "lag of the 4 records held back, Elasticsearch down",
        async () => {
          const m = await scrape();
          return lag(m, topic, 0) === 4 && m.get("causeway_elasticsearch_up") === 0 ? m : null;
        },
        60_000,
      );
      expect(behind.get("causeway_elasticsearch_up")).toBe(0);
      const sick = await fetch(`${url}/healthz`);
      expect(sick.status).toBe(503);
      const sickBody = (await sick.json()) as { status: string; reasons: string[] };
      expect(sickBody.status).toBe("unhealthy");
      expect(sickBody.reasons.join()).toMatch(/^elasticsearch unreachable/);

      proxy.mode("pass");
      await eventually("lag back to 0", async () => lag(await scrape(), topic, 0) === 0, 45_000);
      await eventually("healthy again", async () => (await fetch(`${url}/healthz`)).ok);
      const advanced = await eventually(
        "coverage advanced to offset 7",
        async () => {
          const [entry] = await readCoverage(es, prefix, [topic]);
          return entry?.offset === "7" ? entry : null;
        },
        60_000,
      );
      expect(Date.parse(advanced.indexedAt)).toBeGreaterThan(
        Date.parse(coverage[0]?.indexedAt ?? ""),
      );

      // A late write of a lower offset (a rebalanced-away instance) never moves coverage back.
      await writeCoverage(es, prefix, [
        { ...advanced, offset: "2", indexedAt: new Date().toISOString() },
      ]);
      await es.indices.refresh({ index: `${prefix}-coverage` });
      expect((await readCoverage(es, prefix, [topic]))[0]?.offset).toBe("7");
      const ends = await endOffsets(kafka, topic);
      const committed = await committedOffsets(kafka, config.collectorGroup, topic);
      expect(committed).toEqual(ends);
      console.info(
        `[faults] metrics: ${bulks} bulk requests for 9 records, lag 4 while Elasticsearch was refused, ` +
          `healthz 503 "${sickBody.reasons.join("; ")}", coverage ${JSON.stringify(summary)}`,
      );
    } finally {
      await collector.stop(1_000);
      await probes.close();
      server.close();
      await proxy.close();
    }
  }, 150_000);
});
