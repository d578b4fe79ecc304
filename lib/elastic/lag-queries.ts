import type { Client, estypes } from "@elastic/elasticsearch";
import { LagSample } from "../lag/sample";
import type { HistoryPoint, WaitingChain } from "../lag/views";
import { eventsAlias } from "./indices";
import { lagAlias } from "./lag-indices";

/** Read side of the lag index. Every user value is a term or range value, never query syntax. */

const MAX_SERIES = 2_000;
/** Elasticsearch's default cap on inner hits per collapsed group. */
export const MAX_SAMPLES_PER_SERIES = 100;

type SeriesFilter = { since: number; perSeries: number; group?: string; topic?: string };

/** The latest `perSeries` samples of every group × topic seen since `since`, oldest first. */
export async function recentSeries(
  es: Client,
  prefix: string,
  filter: SeriesFilter,
): Promise<LagSample[][]> {
  const conditions: estypes.QueryDslQueryContainer[] = [
    { range: { sampledAt: { gte: new Date(filter.since).toISOString() } } },
  ];
  if (filter.group !== undefined) conditions.push({ term: { group: filter.group } });
  if (filter.topic !== undefined) conditions.push({ term: { topic: filter.topic } });
  const response = await es.search({
    index: lagAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: MAX_SERIES,
    query: { bool: { filter: conditions } },
    sort: [{ sampledAt: "desc" }],
    _source: false,
    collapse: {
      field: "series",
      inner_hits: {
        name: "recent",
        size: Math.min(filter.perSeries, MAX_SAMPLES_PER_SERIES),
        sort: [{ sampledAt: "desc" }],
      },
    },
  });
  return response.hits.hits.map((hit) => {
    const inner = hit.inner_hits?.recent?.hits.hits ?? [];
    return inner.map((h) => LagSample.parse(h._source)).reverse();
  });
}

/**
 * A group's samples over a time range, thinned to the latest sample per `intervalMs` so a day
 * of 5-second samples stays a chart's worth of points.
 */
export async function groupHistory(
  es: Client,
  prefix: string,
  group: string,
  range: { from: number; to: number; intervalMs: number },
): Promise<Map<string, HistoryPoint[]>> {
  const response = await es.search({
    index: lagAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    query: {
      bool: {
        filter: [
          { term: { group } },
          {
            range: {
              sampledAt: {
                gte: new Date(range.from).toISOString(),
                lte: new Date(range.to).toISOString(),
              },
            },
          },
        ],
      },
    },
    aggs: {
      topics: {
        terms: { field: "topic", size: 200 },
        aggs: {
          over_time: {
            date_histogram: {
              field: "sampledAt",
              fixed_interval: `${Math.max(1, Math.round(range.intervalMs / 1000))}s`,
              min_doc_count: 1,
            },
            aggs: {
              latest: { top_hits: { size: 1, sort: [{ sampledAt: "desc" }] } },
            },
          },
        },
      },
    },
  });
  type TopHits = { hits: { hits: { _source?: unknown }[] } };
  type TimeBucket = { latest: TopHits };
  type TopicBucket = { key: string; over_time: { buckets: TimeBucket[] } };
  const topics = (response.aggregations?.topics as { buckets: TopicBucket[] } | undefined)?.buckets;
  const history = new Map<string, HistoryPoint[]>();
  for (const bucket of topics ?? []) {
    const points = bucket.over_time.buckets.flatMap((b) =>
      b.latest.hits.hits.map((h) => {
        const sample = LagSample.parse(h._source);
        return { t: sample.sampledAt, partitions: sample.partitions };
      }),
    );
    history.set(bucket.key, points);
  }
  return history;
}

/** When the latest sampling round ran, by its newest sample; null before the first. */
export async function newestSampleAt(es: Client, prefix: string): Promise<number | null> {
  const response = await es.search({
    index: lagAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 1,
    sort: [{ sampledAt: "desc" }],
    _source: ["sampledAt"],
  });
  const source = response.hits.hits[0]?._source as { sampledAt?: string } | undefined;
  return source?.sampledAt ? Date.parse(source.sampledAt) : null;
}

/** For each (group, topic, time): the last sample taken at or before that time, if any. */
export async function samplesAt(
  es: Client,
  prefix: string,
  lookups: readonly { group: string; topic: string; time: number }[],
): Promise<(LagSample | null)[]> {
  if (lookups.length === 0) return [];
  const response = await es.msearch({
    index: lagAlias(prefix),
    searches: lookups.flatMap((l) => [
      { ignore_unavailable: true, allow_no_indices: true },
      {
        size: 1,
        sort: [{ sampledAt: "desc" }],
        query: {
          bool: {
            filter: [
              { term: { group: l.group } },
              { term: { topic: l.topic } },
              { range: { sampledAt: { lte: new Date(l.time).toISOString() } } },
            ],
          },
        },
      },
    ]),
  });
  return response.responses.map((r) => {
    if ("error" in r) return null;
    const hit = r.hits.hits[0];
    return hit ? LagSample.parse(hit._source) : null;
  });
}

/**
 * Chains with events at or after the committed offset of the given partitions: records the
 * group has not consumed yet. Newest first, one row per correlation id.
 */
export async function waitingChains(
  es: Client,
  prefix: string,
  positions: readonly { topic: string; partition: number; committed: number }[],
  limit: number,
): Promise<WaitingChain[]> {
  if (positions.length === 0) return [];
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: limit,
    query: {
      bool: {
        filter: [{ exists: { field: "correlationId" } }],
        should: positions.map((p) => ({
          bool: {
            filter: [
              { term: { topic: p.topic } },
              { term: { partition: p.partition } },
              { range: { offset: { gte: p.committed } } },
            ],
          },
        })),
        minimum_should_match: 1,
      },
    },
    sort: [{ timestamp: "desc" }],
    collapse: { field: "correlationId" },
    _source: ["correlationId", "eventType", "topic", "partition", "offset", "timestamp"],
  });
  return response.hits.hits.map((hit) => {
    const s = hit._source as Record<string, unknown>;
    return {
      correlationId: String(s.correlationId),
      eventType: typeof s.eventType === "string" ? s.eventType : null,
      topic: String(s.topic),
      partition: Number(s.partition),
      offset: Number(s.offset),
      timestamp: String(s.timestamp),
    };
  });
}
