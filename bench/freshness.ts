import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config/config";
import { eventsAlias } from "@/lib/elastic/indices";
import { createKafka } from "@/lib/kafka/client";
import { deleteRunResources } from "./cleanup";
import { buildCollector } from "../scripts/build-collector";
import { startCollectorProcess, type CollectorProcess } from "./collector-process";
import { benchElasticsearch, collectorEnv, positiveInt, runBench } from "./common";
import { assignOffsets, createTopics, toMessage } from "./kafka";
import { allTopics, benchTopics, defaultShape, orderChain, type BenchRecord } from "./records";
import {
  bulkSummary,
  formatBytes,
  formatMs,
  formatRate,
  histogramQuantileBound,
  perSecond,
  quantile,
} from "./stats";

/**
 * bench/freshness: with the collector running, produce at a steady rate and measure, for a sample
 * of records, the time from the broker's acknowledgement to the record being searchable.
 * Usage: npm run bench:freshness -- [--rate 1000] [--seconds 60] [--sample-every 10]
 */

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: "1000" },
    seconds: { type: "string", default: "60" },
    "sample-every": { type: "string", default: "10" },
    partitions: { type: "string", default: "3" },
    "poll-ms": { type: "string", default: "100" },
    "collector-port": { type: "string", default: "4208" },
  },
});

const config = loadConfig(process.env);
const run = `cwbench-${randomUUID().slice(0, 8)}`;
const topics = benchTopics(run);
const group = `${run}-collector`;
const indexPrefix = `${run}-collector`;
const kafka = createKafka(config.kafkaBrokers, "causeway-bench");
const es = benchElasticsearch(config.elasticsearchUrl);
const admin = kafka.admin();
const producer = kafka.producer({ allowAutoTopicCreation: false });

/** Sampled records not yet seen in a search: document id → when the broker acknowledged it. */
const pending = new Map<string, number>();
const latencies: number[] = [];
let activeCollector: CollectorProcess | null = null;

async function main(): Promise<void> {
  await buildCollector();
  const rate = positiveInt(args.rate, "--rate");
  const seconds = positiveInt(args.seconds, "--seconds");
  const sampleEvery = positiveInt(args["sample-every"], "--sample-every");
  const partitions = positiveInt(args.partitions, "--partitions");
  const pollMs = positiveInt(args["poll-ms"], "--poll-ms");
  const shape = { ...defaultShape, partitions };

  await admin.connect();
  await createTopics(admin, allTopics(topics), partitions);
  await producer.connect();
  const collector = startCollectorProcess(
    collectorEnv(config, run, indexPrefix, group),
    positiveInt(args["collector-port"], "--collector-port"),
  );
  activeCollector = collector;
  try {
    console.log(`run ${run}: ${rate} records/s for ${seconds} s, every ${sampleEvery}th timed`);
    await warmUp(collector, shape);
    console.log("collector is indexing; measuring");

    const polling = pollSearchable(pollMs);
    const produced = await produceSteadily(rate, seconds * 1000, sampleEvery, shape);
    const deadline = Date.now() + 30_000;
    while (pending.size > 0 && Date.now() < deadline) await sleep(pollMs);
    polling.stop();
    await polling.done;

    // A record never seen counts as slower than any seen, so it cannot flatter the quantiles.
    const unseen = [...pending.keys()].map(() => Infinity);
    const sorted = [...latencies, ...unseen].sort((a, b) => a - b);
    console.log("");
    console.log(
      `produced ${produced.count} records in ${formatMs(produced.ms)} (${formatRate(perSecond(produced.count, produced.ms))})`,
    );
    console.log(
      `timed ${latencies.length} records; ${unseen.length} not searchable within 30 s of the end (counted as never)`,
    );
    console.log(
      `index refresh_interval ${await refreshInterval()}; searchability checked every ${pollMs} ms`,
    );
    console.log(
      `produce ack → searchable: p50 ${formatMs(quantile(sorted, 0.5))}  p95 ${formatMs(quantile(sorted, 0.95))}  p99 ${formatMs(quantile(sorted, 0.99))}  max ${formatMs(sorted.at(-1) ?? Number.NaN)}  (goal p99 < 2 s)`,
    );
    const metrics = await collector.metrics();
    const delay = (q: number) =>
      formatMs((histogramQuantileBound(metrics, "causeway_index_delay_seconds", q) ?? NaN) * 1000);
    console.log(
      `Kafka timestamp → acknowledged by Elasticsearch (collector's histogram): p50 ≤ ${delay(0.5)}  p99 ≤ ${delay(0.99)}`,
    );
    console.log(`collector: ${bulkSummary(metrics)}`);
    console.log(`collector peak RSS (VmHWM): ${formatBytes(await collector.peakRss())}`);
  } finally {
    await collector.stop();
  }
}

/** Waits until the collector has joined its group and indexed a first chain. */
async function warmUp(collector: CollectorProcess, shape: typeof defaultShape): Promise<void> {
  const records = orderChain(topics, shape);
  await producer.send({ topic: topics.orders, messages: records.slice(0, 1).map(toMessage) });
  const deadline = Date.now() + 120_000;
  while (((await collector.recordsIndexed()) ?? 0) < 1) {
    if (Date.now() > deadline) {
      throw new Error(
        `the collector indexed nothing in 2 minutes:\n${collector.lastLines().join("\n")}`,
      );
    }
    await sleep(200);
  }
}

/**
 * Sends `rate` records a second for `ms`, in small batches every 10 ms, catching up if a tick
 * runs late so the rate holds on average. Sampled records are timed from their send's ack.
 */
async function produceSteadily(
  rate: number,
  ms: number,
  sampleEvery: number,
  shape: typeof defaultShape,
) {
  const started = performance.now();
  let sent = 0;
  let buffer: BenchRecord[] = [];
  const inFlight = new Set<Promise<void>>();
  while (performance.now() - started < ms) {
    const due = Math.floor(((performance.now() - started) * rate) / 1000) - sent;
    if (due > 0) {
      while (buffer.length < due) buffer.push(...orderChain(topics, shape));
      const batch = buffer.slice(0, due);
      buffer = buffer.slice(due);
      const first = sent;
      sent += batch.length;
      const sending = send(batch, first, sampleEvery).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
      if (inFlight.size >= 16) await Promise.race(inFlight);
    }
    await sleep(10);
  }
  await Promise.all(inFlight);
  return { count: sent, ms: performance.now() - started };
}

async function send(batch: BenchRecord[], first: number, sampleEvery: number): Promise<void> {
  const byTopic = new Map<string, number[]>();
  batch.forEach((record, i) =>
    byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), i]),
  );
  const metadata = await producer.sendBatch({
    topicMessages: [...byTopic].map(([topic, indices]) => ({
      topic,
      messages: indices.map((i) => toMessage(batch[i] as BenchRecord)),
    })),
  });
  const ackedAt = performance.now();
  const offsets: string[] = new Array<string>(batch.length);
  assignOffsets(batch, byTopic, metadata, offsets);
  batch.forEach((record, i) => {
    if ((first + i) % sampleEvery !== 0) return;
    pending.set(`${record.topic}:${record.partition}:${offsets[i]}`, ackedAt);
  });
}

/**
 * Looks for the pending sampled records every `pollMs` with an ids query, which (unlike a get)
 * sees only what a refresh has made searchable. A record counts as searchable when the answer
 * that first contains it arrives, so figures err high by up to one poll.
 */
function pollSearchable(pollMs: number) {
  let running = true;
  const done = (async () => {
    while (running) {
      // The oldest first, and few enough for one page of hits.
      const ids = [...pending.keys()].slice(0, 5_000);
      if (ids.length > 0) {
        const response = await es.search({
          index: eventsAlias(indexPrefix),
          query: { ids: { values: ids } },
          size: ids.length,
          _source: false,
          ignore_unavailable: true,
          allow_no_indices: true,
        });
        const seenAt = performance.now();
        for (const hit of response.hits.hits) {
          const ackedAt = hit._id === undefined ? undefined : pending.get(hit._id);
          if (ackedAt === undefined || hit._id === undefined) continue;
          latencies.push(seenAt - ackedAt);
          pending.delete(hit._id);
        }
      }
      await sleep(pollMs);
    }
  })();
  return { done, stop: () => (running = false) };
}

async function refreshInterval(): Promise<string> {
  const settings = await es.indices.getSettings({
    index: eventsAlias(indexPrefix),
    name: "index.refresh_interval",
    include_defaults: true,
    flat_settings: true,
  });
  const index = Object.values(settings)[0];
  const value =
    index?.settings?.["index.refresh_interval"] ?? index?.defaults?.["index.refresh_interval"];
  return typeof value === "string" ? value : "unknown";
}

async function cleanup(): Promise<void> {
  await activeCollector?.stop();
  await producer.disconnect().catch(() => undefined);
  await deleteRunResources(admin, es, {
    topics: allTopics(topics),
    groups: [group],
    indexPrefixes: [indexPrefix],
  });
  await admin.disconnect();
  await es.close();
}

runBench(main, cleanup);
