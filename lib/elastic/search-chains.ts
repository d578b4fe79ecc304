/**
 * Search for chains by correlation id, event id, message key, topic or payload text. The user's
 * text is only ever a term value or the text of a `match` query, never query syntax.
 */
import type { Client, estypes } from "@elastic/elasticsearch";
import {
  freshness,
  summaryLine,
  type ChainSummary,
  type IndexFreshness,
  type SearchMatch,
} from "../chain/search";
import { RETRY_TOPIC_LUCENE } from "../chain/topics";
import { eventsAlias } from "./indices";

/** Matching records read to find distinct chains; the newest matches win. */
const MATCH_SCAN = 500;

export type SearchInput = { q: string; from: string | null; to: string | null; limit: number };

export async function searchChains(
  es: Client,
  prefix: string,
  input: SearchInput,
): Promise<{ results: ChainSummary[]; more: boolean }> {
  const index = eventsAlias(prefix);
  const range =
    input.from === null && input.to === null
      ? []
      : [{ range: { timestamp: { gte: input.from ?? undefined, lte: input.to ?? undefined } } }];
  const named = (name: SearchMatch, query: estypes.QueryDslQueryContainer) => ({
    bool: { filter: [query], _name: name },
  });
  const matches = await es.search({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: MATCH_SCAN,
    track_total_hits: false,
    _source: ["correlationId"],
    query: {
      bool: {
        filter: [...range, { exists: { field: "correlationId" } }],
        should: [
          named("correlationId", { term: { correlationId: input.q } }),
          named("eventId", { term: { eventId: input.q } }),
          named("key", { term: { key: input.q } }),
          // People paste topic names as they remember them: `payments.dlq` finds payments.DLQ.
          named("topic", { term: { topic: { value: input.q, case_insensitive: true } } }),
          // A text value's words are in `raw`; the values `raw` lacks are in `payloadFields`.
          // One name for both: Elasticsearch reports only the last of two queries named alike.
          named("payload", {
            bool: {
              should: [
                { match: { raw: { query: input.q, operator: "and" } } },
                { term: { payloadFields: input.q } },
              ],
            },
          }),
        ],
        minimum_should_match: 1,
      },
    },
    sort: [{ timestamp: "desc" }, { id: "desc" }],
  });

  const matchedOn = new Map<string, Set<SearchMatch>>();
  for (const hit of matches.hits.hits) {
    const correlationId = (hit._source as { correlationId?: string } | undefined)?.correlationId;
    if (!correlationId) continue;
    const seen = matchedOn.get(correlationId) ?? new Set<SearchMatch>();
    for (const name of namesOf(hit.matched_queries)) seen.add(name as SearchMatch);
    matchedOn.set(correlationId, seen);
  }
  const ids = [...matchedOn.keys()];
  const shown = ids.slice(0, input.limit);
  const summaries = await summarize(es, index, shown);
  return {
    results: shown.flatMap((correlationId) => {
      const summary = summaries.get(correlationId);
      if (!summary) return [];
      const base = { correlationId, ...summary };
      return [
        {
          ...base,
          matchedOn: [...(matchedOn.get(correlationId) ?? [])],
          summary: summaryLine(base),
        },
      ];
    }),
    more: ids.length > shown.length,
  };
}

function namesOf(matched: estypes.SearchHit["matched_queries"]): string[] {
  if (!matched) return [];
  return Array.isArray(matched) ? matched : Object.keys(matched);
}

type Totals = Omit<ChainSummary, "summary" | "matchedOn" | "correlationId">;

async function summarize(es: Client, index: string, ids: string[]): Promise<Map<string, Totals>> {
  if (ids.length === 0) return new Map();
  const response = await es.search({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    query: { bool: { filter: [{ terms: { correlationId: ids } }] } },
    aggs: {
      chains: {
        terms: { field: "correlationId", size: ids.length },
        aggs: {
          first: { min: { field: "occurredAt" } },
          last: { max: { field: "occurredAt" } },
          // Retries and dead letters carry the original's occurredAt: when they happened is
          // their Kafka timestamp, as the chain page counts it (happenedAt).
          attempts: {
            filter: {
              bool: {
                should: [
                  { exists: { field: "dlq" } },
                  { range: { attempt: { gt: 1 } } },
                  { regexp: { topic: { value: RETRY_TOPIC_LUCENE, case_insensitive: true } } },
                ],
                minimum_should_match: 1,
              },
            },
            aggs: { last: { max: { field: "timestamp" } } },
          },
          services: { terms: { field: "service", size: 10 } },
          dead: { filter: { exists: { field: "dlq" } } },
          opening: {
            top_hits: { size: 1, sort: [{ occurredAt: "asc" }], _source: ["eventType"] },
          },
        },
      },
    },
  });
  const buckets = (response.aggregations?.chains as estypes.AggregationsStringTermsAggregate)
    ?.buckets as ChainBucket[];
  return new Map(
    (buckets ?? []).map((bucket) => [
      String(bucket.key),
      {
        eventCount: bucket.doc_count,
        firstAt: bucket.first.value_as_string ?? null,
        lastAt: latest(bucket.last, bucket.attempts.last),
        firstEventType:
          (bucket.opening.hits.hits[0]?._source as { eventType?: string | null } | undefined)
            ?.eventType ?? null,
        services: bucket.services.buckets.map(({ key }) => String(key)),
        deadLettered: bucket.dead.doc_count,
      },
    ]),
  );
}

/** The later of two max aggregations, as an ISO time; null when neither found a value. */
function latest(...maxima: readonly estypes.AggregationsMaxAggregate[]): string | null {
  const values = maxima
    .map((max) => max.value)
    .filter((value): value is number => typeof value === "number");
  return values.length === 0 ? null : new Date(Math.max(...values)).toISOString();
}

type ChainBucket = {
  key: string;
  doc_count: number;
  first: estypes.AggregationsMinAggregate;
  last: estypes.AggregationsMaxAggregate;
  attempts: { last: estypes.AggregationsMaxAggregate };
  services: { buckets: { key: string }[] };
  dead: { doc_count: number };
  opening: { hits: { hits: { _source?: unknown }[] } };
};

/** How far the index is behind: the newest record the collector wrote, and when. */
export async function indexFreshness(
  es: Client,
  prefix: string,
  now: number,
): Promise<IndexFreshness> {
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    track_total_hits: false,
    aggs: { newest: { max: { field: "ingestedAt" } } },
  });
  const newest = response.aggregations?.newest as estypes.AggregationsMaxAggregate | undefined;
  return freshness(newest?.value_as_string ?? null, now, "ingestedAt");
}
