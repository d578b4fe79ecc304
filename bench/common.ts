import { Client } from "@elastic/elasticsearch";
import type { Config } from "@/lib/config/config";
import { ensureCoverageIndex } from "@/lib/elastic/coverage";
import { ensureFlowStatsIndex } from "@/lib/elastic/flow-stats";
import { ensureLagTemplate, lagIndexFor } from "@/lib/elastic/lag-indices";

/**
 * The bench's own client: a loaded machine can take longer than the app's 30 s over one bulk
 * request, and a timed-out request would spoil the run rather than measure it.
 */
export function benchElasticsearch(url: string): Client {
  return new Client({ node: url, requestTimeout: 300_000, maxRetries: 0 });
}

/** The collector's environment for one run: its own topics, group and index prefix. */
export function collectorEnv(
  config: Config,
  run: string,
  indexPrefix: string,
  group: string,
): Record<string, string> {
  return {
    KAFKA_BROKERS: config.kafkaBrokers.join(","),
    ELASTICSEARCH_URL: config.elasticsearchUrl,
    CAUSEWAY_INDEX_PREFIX: indexPrefix,
    CAUSEWAY_COLLECTOR_GROUP: group,
    CAUSEWAY_TOPICS: `^${run.replaceAll("-", "\\-")}\\.`,
  };
}

/**
 * Makes the collector's own indices (coverage, flow statistics, today's lag samples) before it is
 * timed, as the events indices are: a collector makes them once in its life, and each is a
 * cluster-state change that took the node hundreds of milliseconds in the middle of a run.
 */
export async function createCollectorIndices(es: Client, prefix: string): Promise<void> {
  await ensureCoverageIndex(es, prefix);
  await ensureFlowStatsIndex(es, prefix);
  await ensureLagTemplate(es, prefix);
  await es.indices.create({ index: lagIndexFor(prefix, Date.now()) });
}

export function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${name} must be a positive integer, got ${value}`);
  }
  return n;
}

/** Runs a benchmark and then its cleanup, also after a failure or Ctrl-C. */
export function runBench(main: () => Promise<void>, cleanup: () => Promise<void>): void {
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
}
