import type { Client } from "@elastic/elasticsearch";
import type { Config } from "../config/config";
import { groupHistory, newestSampleAt, recentSeries, waitingChains } from "../elastic/lag-queries";
import {
  groupTopicDetail,
  roundSpacing,
  type GroupDetail,
  type GroupTopicDetail,
} from "../lag/views";
import { samplesPerSeries, VANISHED_LOOKBACK_MS } from "./get-lag-overview";

/** A chart of a few hundred points per partition reads well and stays cheap to draw. */
const CHART_POINTS = 240;
const WAITING_CHAINS = 25;

/** One group's lag: now, over `from`–`to`, and the chains still waiting on it. Null if unknown. */
export async function getLagGroup(
  es: Client,
  config: Config,
  group: string,
  range: { from: number; to: number },
  now = Date.now(),
): Promise<GroupDetail | null> {
  const prefix = config.indexPrefix;
  const intervalMs = Math.max(
    config.lagSampleMs,
    Math.ceil((range.to - range.from) / CHART_POINTS),
  );
  const [series, history, newest] = await Promise.all([
    recentSeries(es, prefix, {
      since: now - VANISHED_LOOKBACK_MS,
      perSeries: samplesPerSeries(config),
      group,
    }),
    groupHistory(es, prefix, group, { ...range, intervalMs }),
    newestSampleAt(es, prefix),
  ]);
  if (series.length === 0) return null;
  const timing = {
    windowMs: config.lagWindowMs,
    sampleMs: config.lagSampleMs,
    newestSampleAt: newest ?? now,
    roundMs: Math.max(0, ...series.map(roundSpacing)),
  };
  const topics = series
    .map((samples) => {
      const topic = samples[0]?.topic ?? "";
      return groupTopicDetail(samples, history.get(topic) ?? [], timing);
    })
    .filter((t): t is GroupTopicDetail => t !== null)
    .sort((a, b) => a.topic.localeCompare(b.topic));
  const behind = topics.flatMap((t) =>
    t.partitions
      .filter((p) => p.committed !== null && (p.lag ?? 0) > 0)
      .map((p) => ({ topic: t.topic, partition: p.partition, committed: p.committed ?? 0 })),
  );
  return {
    group,
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    windowMs: config.lagWindowMs,
    topics,
    waiting: await waitingChains(es, prefix, behind, WAITING_CHAINS),
  };
}
