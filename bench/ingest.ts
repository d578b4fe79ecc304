import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config/config";
import { ensureEventsTemplate, eventsAlias, eventsIndexFor } from "@/lib/elastic/indices";
import { decodeRecord } from "@/lib/envelope/decode";
import type { Event } from "@/lib/events/event";
import { createKafka } from "@/lib/kafka/client";
import { bulkFromMemory, type BulkSettings, type CeilingResult } from "./ceiling";
import { deleteIndices, deleteRunResources } from "./cleanup";
import { buildCollector } from "../scripts/build-collector";
import { startCollectorProcess, type CollectorProcess } from "./collector-process";
import { startCpuBurner } from "./cpu-burner";
import {
  benchElasticsearch,
  collectorEnv,
  createCollectorIndices,
  positiveInt,
  runBench,
} from "./common";
import { createTopics, produceAll, recordCount, toRawRecord } from "./kafka";
import { allTopics, benchTopics, defaultShape, generateRecords } from "./records";
import { bulkSummary, formatBytes, formatMs, formatRate, perSecond, quantile } from "./stats";

/**
 * bench/ingest: the collector's Kafka → Elasticsearch throughput against the ceiling of
 * bulk-indexing the same documents straight from memory, side by side in one run.
 * Usage: npm run bench:ingest -- [--records N] [--rounds R] [--partitions P] [--sweep]
 *        [--profile DIR] (the collector writes a V8 CPU profile there when it stops)
 */

const { values: args } = parseArgs({
  options: {
    records: { type: "string", default: "100000" },
    rounds: { type: "string", default: "1" },
    partitions: { type: "string", default: "3" },
    "batch-docs": { type: "string", default: "1000" },
    concurrency: { type: "string", default: "2" },
    sweep: { type: "boolean", default: false },
    profile: { type: "string" },
    "collector-port": { type: "string", default: "4208" },
  },
});

const config = loadConfig(process.env);
const run = `cwbench-${randomUUID().slice(0, 8)}`;
const topics = benchTopics(run);
const kafka = createKafka(config.kafkaBrokers, "causeway-bench");
const es = benchElasticsearch(config.elasticsearchUrl);
const admin = kafka.admin();
const groups: string[] = [];
const indexPrefixes: string[] = [];
let activeCollector: CollectorProcess | null = null;
const WARM_UP_DOCS = 100_000;

type CollectorRun = {
  ms: number;
  startupMs: number;
  /** CPU the collector process used over `ms`, in cores; null without /proc. */
  cores: number | null;
  peakRss: number | null;
  bulks: string;
  /**
   * CPU µs the collector spent per record from its first indexed record to its last, so that
   * start-up (loading, connecting, joining the group) is not charged to the records.
   */
  cpuUsPerRecord: number | null;
};

type CeilingRun = {
  ms: number;
  /** CPU µs this process, the ceiling's bulk client, spent per document. */
  cpuUsPerDoc: number;
};

async function main(): Promise<void> {
  await buildCollector();
  const count = positiveInt(args.records, "--records");
  const rounds = positiveInt(args.rounds, "--rounds");
  const partitions = positiveInt(args.partitions, "--partitions");
  const best: BulkSettings = {
    batchDocs: positiveInt(args["batch-docs"], "--batch-docs"),
    concurrency: positiveInt(args.concurrency, "--concurrency"),
  };
  await admin.connect();
  const events = await produceBatch(count, partitions);
  const days = [...new Set(events.map((event) => event.timestamp.slice(0, 10)))];
  await warmUp(events, days, best);
  if (args.sweep) await sweep(events, days);

  const ratios: number[] = [];
  const besideRatios: number[] = [];
  const cpuRatios: number[] = [];
  let peakRss: number | null = null;
  for (let round = 1; round <= rounds; round += 1) {
    // Each round's collector is a new group: it reads the same records from the beginning. Every
    // other round runs it first, so whatever the node carries over from one run into the next
    // (garbage, merges, caches) weighs on both sides alike.
    const collectorFirst = round % 2 === 0;
    const early = collectorFirst ? await measureCollector(count, days, round) : null;
    const ceiling = await measureCeiling(events, days, best, round);
    const ceilingMs = ceiling.ms;
    const collector = early ?? (await measureCollector(count, days, round));
    // The same ceiling beside threads that burn what the collector burned: how much of the gap
    // is only the collector's share of the machine's cores, taken from the node.
    const besideMs =
      collector.cores === null
        ? null
        : (await measureCeiling(events, days, best, round, collector.cores)).ms;
    peakRss = Math.max(peakRss ?? 0, collector.peakRss ?? 0) || null;
    const ceilingRate = perSecond(count, ceilingMs);
    const collectorRate = perSecond(count, collector.ms);
    ratios.push(collectorRate / ceilingRate);
    const besideRate = besideMs === null ? null : perSecond(count, besideMs);
    if (besideRate !== null) besideRatios.push(besideRate / ceilingRate);
    console.log("");
    console.log(`round ${round} of ${rounds}${collectorFirst ? " (collector first)" : ""}`);
    console.log(
      `  ceiling    ${formatRate(ceilingRate).padStart(9)} docs     bulk from memory, ${best.batchDocs} docs × ${best.concurrency} in flight (${formatMs(ceilingMs)})`,
    );
    console.log(
      `  collector  ${formatRate(collectorRate).padStart(9)} records  Kafka → Elasticsearch from process start (${formatMs(collector.ms)}; first record indexed after ${formatMs(collector.startupMs)})`,
    );
    console.log(`             ${collector.bulks}`);
    if (besideRate !== null && besideMs !== null && collector.cores !== null) {
      console.log(
        `  beside     ${formatRate(besideRate).padStart(9)} docs     the ceiling again, beside threads burning the collector's CPU (${collector.cores.toFixed(2)} cores; ${formatMs(besideMs)})`,
      );
    }
    if (collector.cpuUsPerRecord !== null) {
      const cpuRatio = collector.cpuUsPerRecord / ceiling.cpuUsPerDoc;
      cpuRatios.push(cpuRatio);
      console.log(
        `  cpu        collector ${collector.cpuUsPerRecord.toFixed(1)} µs/record (first to last record indexed) · ceiling client ${ceiling.cpuUsPerDoc.toFixed(1)} µs/doc · ratio ${cpuRatio.toFixed(2)} (goal ≤ 1.5)`,
      );
    }
    console.log(
      `  ratio      ${(collectorRate / ceilingRate).toFixed(2)}  (goal ≥ 0.80); without start-up: ${(perSecond(count, collector.ms - collector.startupMs) / ceilingRate).toFixed(2)}${besideRate === null ? "" : `; beside / ceiling: ${(besideRate / ceilingRate).toFixed(2)}`}`,
    );
  }
  const ofRounds = rounds > 1 ? ` (median of ${rounds} rounds)` : "";
  console.log("");
  console.log(`ratio collector / ceiling: ${median(ratios).toFixed(2)}${ofRounds}  (goal ≥ 0.80)`);
  if (besideRatios.length > 0) {
    console.log(
      `ceiling beside a burner of the collector's CPU / ceiling: ${median(besideRatios).toFixed(2)}${ofRounds}`,
    );
  }
  if (cpuRatios.length > 0) {
    console.log(
      `CPU per record, collector / ceiling client: ${median(cpuRatios).toFixed(2)}${ofRounds}  (goal ≤ 1.5)`,
    );
  }
  console.log(`collector peak RSS (VmHWM): ${formatBytes(peakRss)}`);
}

/** Produces the batch into fresh topics and returns its documents as the decoder makes them. */
async function produceBatch(count: number, partitions: number): Promise<Event[]> {
  console.log(
    `run ${run}: ${count} records over ${allTopics(topics).length} topics × ${partitions} partitions`,
  );
  const records = generateRecords(count, topics, { ...defaultShape, partitions });
  const bytes = records.reduce((sum, r) => sum + r.value.length, 0);
  const largest = records.reduce((max, r) => Math.max(max, r.value.length), 0);
  console.log(`values: mean ${Math.round(bytes / count)} B, largest ${largest} B`);
  await createTopics(admin, allTopics(topics), partitions);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = performance.now();
  const offsets = await produceAll(producer, records);
  const ms = performance.now() - started;
  await producer.disconnect();
  const inTopics = await recordCount(admin, allTopics(topics));
  if (inTopics !== count) throw new Error(`the topics hold ${inTopics} records, expected ${count}`);
  console.log(`produced in ${formatMs(ms)} (${formatRate(perSecond(count, ms))})`);

  const now = new Date();
  return records.map((record, i) =>
    decodeRecord(toRawRecord(record, offsets[i] ?? "0"), {
      dlqPattern: config.dlqPattern,
      rawMaxBytes: config.rawMaxBytes,
      mappings: config.mappings,
      now,
    }),
  );
}

/** The lower middle value of `values`, as the nearest-rank median is. */
function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Times the ceiling; with `besideCores`, while threads of this process burn that much CPU. */
async function measureCeiling(
  events: Event[],
  days: string[],
  settings: BulkSettings,
  round: number,
  besideCores?: number,
): Promise<CeilingRun> {
  const prefix = `${run}-${besideCores === undefined ? "ceiling" : "beside"}${round}`;
  await createEventIndices(prefix, days);
  console.log(`round ${round}: ceiling${besideCores === undefined ? "" : " beside a CPU burner"}`);
  const burner = besideCores === undefined ? null : startCpuBurner(besideCores);
  let result: CeilingResult;
  const cpuBefore = process.cpuUsage();
  let cpu: NodeJS.CpuUsage;
  try {
    result = await bulkFromMemory(es, events, prefix, settings);
  } finally {
    cpu = process.cpuUsage(cpuBefore);
    await burner?.stop();
  }
  if (result.failed > 0) throw new Error(`${result.failed} documents failed in the ceiling run`);
  await expectDocuments(prefix, events.length);
  // The collector gets the cluster to itself: no merges of this index running behind it.
  await deleteIndices(es, prefix);
  await sleep(2_000);
  return { ms: result.ms, cpuUsPerDoc: (cpu.user + cpu.system) / events.length };
}

async function measureCollector(count: number, days: string[], round: number) {
  const prefix = `${run}-collector${round}`;
  const group = `${run}-collector${round}`;
  groups.push(group);
  await createEventIndices(prefix, days);
  await createCollectorIndices(es, prefix);
  console.log(`round ${round}: collector`);
  const collector = startCollectorProcess(
    collectorEnv(config, run, prefix, group),
    positiveInt(args["collector-port"], "--collector-port"),
    args.profile ? ["--cpu-prof", `--cpu-prof-dir=${args.profile}`] : [],
  );
  activeCollector = collector;
  let result: CollectorRun;
  try {
    result = await waitForAll(collector, count);
  } finally {
    await collector.stop();
    activeCollector = null;
  }
  await expectDocuments(prefix, count);
  await deleteIndices(es, prefix);
  await sleep(2_000);
  return result;
}

/** Polls the collector's own count of acknowledged records until it reaches `count`. */
async function waitForAll(collector: CollectorProcess, count: number): Promise<CollectorRun> {
  let firstIndexedAt: number | null = null;
  let atFirst: { indexed: number; cpuSeconds: number | null } | null = null;
  for (;;) {
    const indexed = (await collector.recordsIndexed()) ?? 0;
    await collector.peakRss();
    const at = performance.now();
    if (indexed > 0 && firstIndexedAt === null) {
      firstIndexedAt = at;
      atFirst = { indexed, cpuSeconds: await collector.cpuSeconds() };
    }
    if (indexed >= count) {
      const cpuSeconds = await collector.cpuSeconds();
      const ms = at - collector.startedAt;
      const windowRecords = count - (atFirst?.indexed ?? 0);
      const windowCpu =
        cpuSeconds === null || atFirst?.cpuSeconds == null ? null : cpuSeconds - atFirst.cpuSeconds;
      return {
        ms,
        startupMs: (firstIndexedAt ?? at) - collector.startedAt,
        cores: cpuSeconds === null ? null : cpuSeconds / (ms / 1000),
        peakRss: await collector.peakRss(),
        bulks: bulkSummary(await collector.metrics()),
        cpuUsPerRecord:
          windowCpu === null || windowRecords <= 0 ? null : (windowCpu * 1e6) / windowRecords,
      };
    }
    if (at - collector.startedAt > 15 * 60_000) {
      const log = collector.lastLines().join("\n");
      throw new Error(`the collector indexed ${indexed} of ${count} in 15 minutes:\n${log}`);
    }
    await sleep(100);
  }
}

/**
 * A node that has just started indexes at a fraction of its speed until the JVM has compiled its
 * hot paths: on a new stack, round 1's ceiling ran at 2,821 docs/s against 7,000–8,800 once warm,
 * and the collector, timed after it, looked faster than the ceiling. So the same documents are
 * indexed once, untimed, before anything is measured.
 */
async function warmUp(events: Event[], days: string[], settings: BulkSettings): Promise<void> {
  const prefix = `${run}-warmup`;
  await createEventIndices(prefix, days);
  const sample = events.slice(0, WARM_UP_DOCS);
  const result = await bulkFromMemory(es, sample, prefix, settings);
  await deleteIndices(es, prefix);
  console.log(
    `warm-up: ${sample.length} documents indexed untimed (${formatRate(perSecond(result.docs, result.ms))})`,
  );
  await sleep(2_000);
}

/** Tries bulk sizes and requests in flight on the first 20,000 documents; prints docs/s. */
async function sweep(events: Event[], days: string[]): Promise<void> {
  const sample = events.slice(0, 20_000);
  console.log(`sweep: docs/s for ${sample.length} documents by bulk size × requests in flight`);
  for (const batchDocs of [500, 1000, 2000, 4000]) {
    const row: string[] = [];
    for (const concurrency of [1, 2, 4]) {
      const prefix = `${run}-sweep`;
      await createEventIndices(prefix, days);
      const result = await bulkFromMemory(es, sample, prefix, { batchDocs, concurrency });
      await deleteIndices(es, prefix);
      row.push(`${concurrency}: ${formatRate(perSecond(result.docs, result.ms)).padStart(9)}`);
      await sleep(1_000);
    }
    console.log(`  ${String(batchDocs).padStart(5)} docs   ${row.join("   ")}`);
  }
}

async function createEventIndices(prefix: string, days: string[]): Promise<void> {
  indexPrefixes.push(prefix);
  // Both sides index under the refresh interval the collector is configured with.
  await ensureEventsTemplate(es, prefix, config.refreshInterval);
  // Creating an index is a cluster-state change that can take seconds on a busy node; neither
  // side's figure should include it.
  for (const day of days) await es.indices.create({ index: eventsIndexFor(prefix, day) });
}

async function expectDocuments(prefix: string, count: number): Promise<void> {
  await es.indices.refresh({ index: eventsAlias(prefix) });
  const { count: indexed } = await es.count({ index: eventsAlias(prefix) });
  if (indexed !== count) throw new Error(`${prefix} holds ${indexed} documents, expected ${count}`);
}

async function cleanup(): Promise<void> {
  await activeCollector?.stop();
  await deleteRunResources(admin, es, {
    topics: allTopics(topics),
    groups,
    indexPrefixes: [...new Set(indexPrefixes)],
  });
  await admin.disconnect();
  await es.close();
}

runBench(main, cleanup);
