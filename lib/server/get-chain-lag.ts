import type { Client } from "@elastic/elasticsearch";
import type { Config } from "../config/config";
import { findFirstEventPerTopic } from "../elastic/chains";
import { recentSeries, samplesAt } from "../elastic/lag-queries";
import type { LagSample } from "../lag/sample";
import type { ChainLag, LagAt } from "../lag/views";
import { VANISHED_LOOKBACK_MS } from "./get-lag-overview";

/**
 * For each topic of a chain, each group reading it: its lag on the event's partition when the
 * chain's first event there was produced, and now. Null when the chain is unknown.
 */
export async function getChainLag(
  es: Client,
  config: Config,
  correlationId: string,
  now = Date.now(),
): Promise<ChainLag | null> {
  const prefix = config.indexPrefix;
  // Oldest first, as Elasticsearch sorts them.
  const topics = await findFirstEventPerTopic(es, prefix, correlationId);
  if (topics.length === 0) return null;
  const readers = await Promise.all(
    topics.map((event) =>
      recentSeries(es, prefix, {
        since: now - VANISHED_LOOKBACK_MS,
        perSeries: 1,
        topic: event.topic,
      }),
    ),
  );
  const lookups = topics.flatMap((event, i) =>
    (readers[i] ?? []).flatMap((series) =>
      series.map((latest) => ({
        event,
        latest,
        group: latest.group,
        topic: event.topic,
        time: Date.parse(event.timestamp),
      })),
    ),
  );
  const atEvent = await samplesAt(es, prefix, lookups);
  return {
    correlationId,
    topics: topics.map((event) => ({
      topic: event.topic,
      partition: event.partition,
      offset: Number(event.offset),
      eventAt: event.timestamp,
      groups: lookups
        .map((lookup, i) => ({ lookup, atEvent: atEvent[i] ?? null }))
        .filter(({ lookup }) => lookup.event === event)
        .map(({ lookup, atEvent: before }) => {
          const nowLag = lagOn(lookup.latest, event.partition);
          return {
            group: lookup.group,
            internal: lookup.latest.internal,
            atEvent: before ? lagOn(before, event.partition) : null,
            now: nowLag,
            consumed:
              nowLag?.committed === null || nowLag === null
                ? null
                : nowLag.committed > Number(event.offset),
          };
        })
        .sort((a, b) => a.group.localeCompare(b.group)),
    })),
  };
}

function lagOn(sample: LagSample, partition: number): LagAt | null {
  const p = sample.partitions.find((row) => row.partition === partition);
  if (!p) return null;
  return {
    sampledAt: sample.sampledAt,
    committed: p.committed,
    lag: p.lag,
    lagSeconds: p.lagSeconds,
  };
}
