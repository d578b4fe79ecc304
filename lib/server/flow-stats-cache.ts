import type { Client } from "@elastic/elasticsearch";
import type { FlowStats } from "../chain/flows";
import { readFlowStats } from "../elastic/flow-stats";

/** The stored statistics change once a job interval; re-reading them every few seconds is plenty. */
const TTL_MS = 5_000;

export function flowStatsCache(es: Client, prefix: string) {
  let cached: { stats: FlowStats | null; readAt: number } | undefined;
  let inFlight: Promise<FlowStats | null> | undefined;
  return {
    async read(): Promise<FlowStats | null> {
      if (cached && Date.now() - cached.readAt < TTL_MS) return cached.stats;
      inFlight ??= readFlowStats(es, prefix)
        .then((stats) => {
          cached = { stats, readAt: Date.now() };
          return stats;
        })
        .finally(() => (inFlight = undefined));
      return inFlight;
    },
  };
}

export type FlowStatsCache = ReturnType<typeof flowStatsCache>;
