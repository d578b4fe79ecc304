import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type { Client } from "@elastic/elasticsearch";
import { loadConfig } from "@/lib/config/config";
import { ensureEventsTemplate, eventsAlias, eventsIndexFor } from "@/lib/elastic/indices";
import { decodeRecord } from "@/lib/envelope/decode";
import { createKafka } from "@/lib/kafka/client";
import { bulkFromMemory, type BulkSettings } from "./ceiling";
import { deleteIndices, deleteRunResources } from "./cleanup";
import { startCollectorProcess, type CollectorProcess } from "./collector-process";
import { benchElasticsearch, collectorEnv, positiveInt } from "./common";
import { createTopics, produceAll, recordCount, toRawRecord } from "./kafka";
import { allTopics, benchTopics, defaultShape, generateRecords } from "./records";
import { formatBytes, formatMs, formatRate, perSecond } from "./stats";

/**
 * bench/ingest: the collector's Kafka → Elasticsearch throughput against the ceiling of
 * bulk-indexing the same documents straight from memory, side by side in one run.
 * Usage: npm run bench:ingest -- [--records N] [--partitions P] [--sweep]
 */

const { values: args } = parseArgs({
  options: {
    records: { type: "string", default: "150000" },
    partitions: { type: "string", default: "3" },
    "batch-docs": { type: "string", default: "1000" },
    concurrency: { type: "string", default: "3" },
    sweep: { type: "boolean", default: false },
    "collector-port": { type: "string", default: "4208" },
  },
});

const config = loadConfig(process.env);
const run = `cwbench-${randomUUID().slice(0, 8)}`;
const topics = benchTopics(run);
const group = `${run}-collector`;
const ceilingPrefix = `${run}-ceiling`;
const collectorPrefix = `${run}-collector`;
const kafka = createKafka(config.kafkaBrokers, "causeway-bench");
const es = benchElasticsearch(config.elasticsearchUrl);
let activeCollector: CollectorProcess | null = null;
const admin = kafka.admin();

async function main(): Promise<void> {
  const count = positiveInt(args.records, "--records");
  const partitions = positiveInt(args.partitions, "--partitions");
  const best: BulkSettings = {
    batchDocs: positiveInt(args["batch-docs"], "--batch-docs"),
    concurrency: positiveInt(args.concurrency, "--concurrency"),
  };
  await admin.connect();
  console.log(
    `run ${run}: ${count} records over ${Object.keys(topics).length} topics × ${partitions} partitions`,
  );

  const records = generateRecords(count, topics, { ...defaultShape, partitions });
  const bytes = records.reduce((sum, r) => sum + r.value.length, 0);
  console.log(
    `generated: mean value ${Math.round(bytes / count)} B, largest ${records.reduce((max, r) => Math.max(max, r.value.length), 0)} B`,
  );
  await createTopics(admin, allTopics(topics), partitions);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const produceStarted = performance.now();
  const offsets = await produceAll(producer, records);
  const produceMs = performance.now() - produceStarted;
  await producer.disconnect();
  const inTopics = await recordCount(admin, allTopics(topics));
  if (inTopics !== count) throw new Error(`the topics hold ${inTopics} records, expected ${count}`);
  console.log(
    `produced: ${count} in ${formatMs(produceMs)} (${formatRate(perSecond(count, produceMs))})`,
  );

  // The ceiling's documents come out of the project's own decoder, the way the collector makes them.
  const now = new Date();
  const events = records.map((record, i) =>
    decodeRecord(toRawRecord(record, offsets[i] ?? "0"), {
      dlqPattern: config.dlqPattern,
      rawMaxBytes: config.rawMaxBytes,
      now,
    }),
  );
  records.length = 0;

  if (args.sweep) await sweep(events);

  const days = [...new Set(events.map((event) => event.timestamp.slice(0, 10)))];
  await createEventIndices(ceilingPrefix, days);
  const ceiling = await bulkFromMemory(es, events, ceilingPrefix, best);
  console.log(`ceiling: ${count} documents in ${formatMs(ceiling.ms)}`);
  if (ceiling.failed > 0) throw new Error(`${ceiling.failed} documents failed in the ceiling run`);
  await expectDocuments(es, ceilingPrefix, count);
  // The collector gets the cluster to itself: no merges of the ceiling's index running behind it.
  await deleteIndices(es, ceilingPrefix);
  events.length = 0;
  await sleep(2_000);

  // Creating an index is a cluster-state change that can take seconds on a busy node; neither
  // side's figure should include it.
  await createEventIndices(collectorPrefix, days);
  console.log("collector: starting");
  const collector = await measureCollector(count);
  await expectDocuments(es, collectorPrefix, count);

  const ceilingRate = perSecond(count, ceiling.ms);
  const collectorRate = perSecond(count, collector.ms);
  console.log("");
  console.log(
    `ceiling   (bulk from memory, ${best.batchDocs} docs × ${best.concurrency} in flight): ${formatRate(ceilingRate)} docs  (${formatMs(ceiling.ms)})`,
  );
  console.log(
    `collector (Kafka → Elasticsearch, from process start):         ${formatRate(collectorRate)} records  (${formatMs(collector.ms)}, first record indexed after ${formatMs(collector.startupMs)})`,
  );
  console.log(
    `collector after its first record indexed:                       ${formatRate(perSecond(count, collector.ms - collector.startupMs))} records`,
  );
  console.log(
    `ratio collector / ceiling: ${(collectorRate / ceilingRate).toFixed(2)}  (goal ≥ 0.80)`,
  );
  console.log(`collector peak RSS (VmHWM): ${formatBytes(collector.peakRss)}`);
}

async function measureCollector(count: number) {
  const collector = startCollectorProcess(
    collectorEnv(config, run, collectorPrefix, group),
    positiveInt(args["collector-port"], "--collector-port"),
  );
  activeCollector = collector;
  let firstIndexedAt: number | null = null;
  try {
    for (;;) {
      const indexed = (await collector.recordsIndexed()) ?? 0;
      await collector.peakRss();
      const at = performance.now();
      if (indexed > 0 && firstIndexedAt === null) firstIndexedAt = at;
      if (indexed >= count) {
        return {
          ms: at - collector.startedAt,
          startupMs: (firstIndexedAt ?? at) - collector.startedAt,
          peakRss: await collector.peakRss(),
        };
      }
      if (at - collector.startedAt > 15 * 60_000) {
        throw new Error(
          `the collector indexed ${indexed} of ${count} in 15 minutes:\n${collector.lastLines().join("\n")}`,
        );
      }
      await sleep(50);
    }
  } finally {
    await collector.stop();
  }
}

/** Tries bulk sizes and request concurrency on the same documents; prints docs/s for each. */
async function sweep(events: Parameters<typeof bulkFromMemory>[1]): Promise<void> {
  console.log("sweep: docs/s by bulk size × requests in flight");
  for (const batchDocs of [250, 500, 1000, 2000, 5000]) {
    const row: string[] = [];
    for (const concurrency of [1, 2, 3, 4, 6]) {
      const prefix = `${run}-sweep`;
      await ensureEventsTemplate(es, prefix);
      const result = await bulkFromMemory(es, events.slice(0, 40_000), prefix, {
        batchDocs,
        concurrency,
      });
      await deleteIndices(es, prefix);
      row.push(`${concurrency} in flight: ${formatRate(perSecond(result.docs, result.ms))}`);
      await sleep(1_000);
    }
    console.log(`  ${String(batchDocs).padStart(5)} docs  ${row.join("  ")}`);
  }
}

async function createEventIndices(prefix: string, days: string[]): Promise<void> {
  await ensureEventsTemplate(es, prefix);
  for (const day of days) await es.indices.create({ index: eventsIndexFor(prefix, day) });
}

async function expectDocuments(client: Client, prefix: string, count: number): Promise<void> {
  await client.indices.refresh({ index: eventsAlias(prefix) });
  const { count: indexed } = await client.count({ index: eventsAlias(prefix) });
  if (indexed !== count) throw new Error(`${prefix} holds ${indexed} documents, expected ${count}`);
}

async function cleanup(): Promise<void> {
  await activeCollector?.stop();
  await deleteRunResources(admin, es, {
    topics: allTopics(topics),
    groups: [group],
    indexPrefixes: [ceilingPrefix, collectorPrefix, `${run}-sweep`],
  });
  await admin.disconnect();
  await es.close();
}

process.once("SIGINT", () => {
  void cleanup().finally(() => process.exit(130));
});

main()
  .then(cleanup)
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await cleanup();
    process.exit(1);
  });
