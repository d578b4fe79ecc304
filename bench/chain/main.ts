/**
 * `npm run bench:chain`: chain API latency for a 200-event chain in an index of at least a
 * million events. The index is bulk-written straight into Elasticsearch under a prefix of its
 * own and deleted afterwards unless `--keep`.
 *
 *   --events N       events in the background index (default 1,000,000)
 *   --chain N        events in the measured chain (default 200)
 *   --requests N     measured requests (default 300, after 30 warm-up requests)
 *   --port N         where to start the built app for the HTTP figures (default 3205)
 *   --keep           keep the index (its prefix is printed)
 *   --only-chain N   write just one chain of N events (e.g. 2000 for the graph's
 *                    time-to-interactive) under --prefix and print its correlation id
 *   --prefix P       index prefix (default a fresh cwbench-chain-…)
 *   --reuse          measure again on the index a `--keep` run left under --prefix
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config/config";
import { createElasticsearch } from "@/lib/elastic/client";
import {
  computeRecentFlowStats,
  ensureFlowStatsIndex,
  storeFlowStats,
} from "@/lib/elastic/flow-stats";
import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { getChain } from "@/lib/server/get-chain";
import { flowStatsCache } from "@/lib/server/flow-stats-cache";
import { testIdentities } from "../../scripts/identities";
import { bin, startProcess, stopAll, waitForHttp } from "../../scripts/processes";
import { bulkIndex, indexOneChain, syntheticChain } from "./generate";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    chain: { type: "string", default: "200" },
    requests: { type: "string", default: "300" },
    port: { type: "string", default: "3205" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    "only-chain": { type: "string" },
    prefix: { type: "string" },
  },
});
const say = (line: string) => console.log(`[bench:chain] ${line}`);
const config = loadConfig(process.env);
const es = createElasticsearch(config.elasticsearchUrl);
const prefix = values.prefix ?? `cwbench-chain-${randomUUID().slice(0, 8)}`;

const BATCH = 5_000;
const BACKGROUND_CHAIN = 5;

async function main() {
  if (values["only-chain"] !== undefined) {
    const id = await indexOneChain(
      es,
      prefix,
      Number(values["only-chain"]),
      `bench-big-${randomUUID().slice(0, 8)}`,
    );
    say(`prefix ${prefix}: chain ${id} with ${values["only-chain"]} events`);
    console.log(id);
    return;
  }
  const total = Number(values.events);
  const chainSize = Number(values.chain);
  try {
    const target = values.reuse ? await existingTarget(chainSize) : await load(total, chainSize);

    const statsStarted = Date.now();
    await ensureFlowStatsIndex(es, prefix);
    const stats = await computeRecentFlowStats(es, prefix, config.flowStats, Date.now());
    await storeFlowStats(es, prefix, stats);
    say(
      `flow-stats job: ${stats.eventCount.toLocaleString("en-US")} events, ${stats.edges.length} edges in ${Date.now() - statsStarted} ms`,
    );

    const cache = flowStatsCache(es, prefix);
    const inProcess = await measure(Number(values.requests), async () => {
      const chain = await getChain(es, prefix, target, {
        stats: await cache.read(),
        learn: config.learn,
        now: Date.now(),
      });
      if (chain?.events.length !== chainSize) throw new Error(`expected ${chainSize} events`);
    });
    say(`chain of ${chainSize} events, query + build in process: ${figures(inProcess)}`);
    const http = await measureHttp(target, chainSize);
    if (http)
      say(
        `chain of ${chainSize} events, GET /api/chains over HTTP: ${figures(http)} (goal p99 < 100 ms)`,
      );
  } finally {
    if (values.keep) say(`kept the index: CAUSEWAY_INDEX_PREFIX=${prefix}`);
    else {
      await es.indices
        .delete({ index: `${prefix}-*`, expand_wildcards: "all" })
        .catch(() => undefined);
      await es.indices.deleteIndexTemplate({ name: `${prefix}-events` }).catch(() => undefined);
    }
    await es.close();
  }
}

async function load(total: number, chainSize: number): Promise<string> {
  await ensureEventsTemplate(es, prefix);
  const loadStarted = Date.now();
  await loadBackground(total);
  const target = `bench-target-${randomUUID().slice(0, 8)}`;
  await bulkIndex(
    es,
    prefix,
    syntheticChain(target, chainSize, Date.now() - 60_000, "bench-target", 0),
  );
  await es.indices.putSettings({
    index: `${prefix}-events-*`,
    settings: { refresh_interval: "1s" },
  });
  await es.indices.refresh({ index: `${prefix}-events` });
  const count = (await es.count({ index: `${prefix}-events` })).count;
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  say(
    `indexed ${count.toLocaleString("en-US")} events in ${loadSeconds.toFixed(1)} s (${Math.round(count / loadSeconds).toLocaleString("en-US")}/s)`,
  );
  return target;
}

/** The chain a kept (or interrupted) run left; written now if the run stopped before it. */
async function existingTarget(chainSize: number): Promise<string> {
  await es.indices.putSettings({
    index: `${prefix}-events-*`,
    settings: { refresh_interval: "1s" },
  });
  await es.indices.refresh({ index: `${prefix}-events` });
  const hit = await es.search<{ correlationId: string }>({
    index: `${prefix}-events`,
    size: 1,
    query: { term: { topic: "bench-target" } },
  });
  let target = hit.hits.hits[0]?._source?.correlationId;
  if (!target) {
    target = `bench-target-${randomUUID().slice(0, 8)}`;
    const chain = syntheticChain(target, chainSize, Date.now() - 60_000, "bench-target", 0);
    await bulkIndex(es, prefix, chain);
    await es.indices.refresh({ index: `${prefix}-events` });
  }
  const count = (await es.count({ index: `${prefix}-events` })).count;
  say(`reusing ${count.toLocaleString("en-US")} events under ${prefix}`);
  return target;
}

/** Chains of five events, bulk-written two requests at a time with refresh off. */
async function loadBackground(total: number) {
  const now = Date.now();
  let written = 0;
  let chainNumber = 0;
  const batch = () => {
    const events = [];
    while (events.length < BATCH && written + events.length < total) {
      const id = `bench-${chainNumber}`;
      const offset = chainNumber * BACKGROUND_CHAIN;
      events.push(
        ...syntheticChain(
          id,
          BACKGROUND_CHAIN,
          now - 3_600_000 + chainNumber,
          "bench-orders",
          offset,
        ),
      );
      chainNumber += 1;
    }
    written += events.length;
    return events;
  };
  const first = batch();
  await bulkIndex(es, prefix, first);
  await es.indices.putSettings({
    index: `${prefix}-events-*`,
    settings: { refresh_interval: "-1" },
  });
  const workers = [0, 1].map(async () => {
    while (written < total) await bulkIndex(es, prefix, batch());
  });
  await Promise.all(workers);
}

async function measure(requests: number, call: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 30; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

function figures(sorted: number[]): string {
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms over ${sorted.length} requests`;
}

/** Starts the production build (if there is one) on the bench's index and measures over HTTP. */
async function measureHttp(target: string, chainSize: number): Promise<number[] | null> {
  if (!fs.existsSync(".next/BUILD_ID")) {
    say("no production build (.next): run `npm run build` for the HTTP figures");
    return null;
  }
  const url = `http://127.0.0.1:${values.port}`;
  const identities = await testIdentities();
  const app = startProcess(
    "app",
    bin("tsx"),
    ["scripts/serve-app.ts", "-p", values.port, "-H", "127.0.0.1"],
    {
      env: { ...identities, CAUSEWAY_INDEX_PREFIX: prefix, NEXT_TELEMETRY_DISABLED: "1" },
      onLine: () => undefined,
    },
  );
  try {
    if (!(await waitForHttp(`${url}/`, 60_000, app)))
      throw new Error(`the app did not answer on ${url}`);
    const headers = { authorization: `Bearer ${identities.CAUSEWAY_TEST_TOKEN_VIEWER ?? ""}` };
    return await measure(Number(values.requests), async () => {
      const response = await fetch(`${url}/api/chains/${target}`, { headers });
      const body = (await response.json()) as { events?: unknown[] };
      if (body.events?.length !== chainSize) throw new Error(`HTTP ${response.status}`);
    });
  } finally {
    await stopAll([app]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
