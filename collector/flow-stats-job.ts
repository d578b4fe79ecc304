import type { Client } from "@elastic/elasticsearch";
import type { Config } from "@/lib/config/config";
import {
  computeRecentFlowStats,
  ensureFlowStatsIndex,
  storeFlowStats,
} from "@/lib/elastic/flow-stats";
import { errorMessage, type Logger } from "@/lib/log";

export type FlowStatsJob = { runOnce(): Promise<void>; stop(): Promise<void> };

/**
 * The first run waits this long (or one interval, if shorter): a collector that has just started
 * is usually catching up, and the statistics stored by the last run serve until then.
 */
const FIRST_RUN_DELAY_MS = 30_000;

/**
 * Learns the event-type graph (flows.ts) every `flowStats.intervalMs` in the collector process,
 * so chain requests only read one stored document. Runs never overlap: the next starts an
 * interval after the previous one finished.
 */
export function startFlowStatsJob(deps: { config: Config; es: Client; log: Logger }): FlowStatsJob {
  const { config, es, log } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const runOnce = async () => {
    const started = Date.now();
    try {
      await ensureFlowStatsIndex(es, config.indexPrefix);
      const stats = await computeRecentFlowStats(es, config.indexPrefix, config.flowStats, started);
      await storeFlowStats(es, config.indexPrefix, stats);
      log.info("flow statistics computed", {
        chains: stats.chainCount,
        events: stats.eventCount,
        edges: stats.edges.length,
        truncated: stats.truncated,
        tookMs: Date.now() - started,
      });
    } catch (error) {
      log.warn("flow statistics not computed; retrying next interval", {
        error: errorMessage(error),
      });
    }
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().then(() => schedule(config.flowStats.intervalMs));
    }, delayMs);
  };
  schedule(Math.min(FIRST_RUN_DELAY_MS, config.flowStats.intervalMs));

  return {
    runOnce: () => (running = running.then(runOnce)),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
