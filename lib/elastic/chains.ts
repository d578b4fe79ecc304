import type { Client, estypes } from "@elastic/elasticsearch";
import { type Event, EventSummary, SUMMARY_EXCLUDES } from "../events/event";
import { eventFromStored } from "../events/stored-layout";
import { eventsAlias } from "./indices";

/** The most records one chain query returns; larger chains are cut and say so in `truncated`. */
export const MAX_CHAIN_EVENTS = 10_000;

type ChainHits<T> = { events: T[]; truncated: boolean };

async function searchChain(
  es: Client,
  prefix: string,
  correlationId: string,
  source: estypes.SearchSourceConfig,
): Promise<{ sources: unknown[]; truncated: boolean }> {
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: MAX_CHAIN_EVENTS,
    track_total_hits: MAX_CHAIN_EVENTS + 1,
    _source: source,
    query: { bool: { filter: [{ term: { correlationId } }] } },
    sort: [{ occurredAt: "asc" }, { topic: "asc" }, { partition: "asc" }, { offset: "asc" }],
  });
  const total = response.hits.total;
  const totalCount = typeof total === "number" ? total : (total?.value ?? 0);
  return {
    sources: response.hits.hits.map((hit) => hit._source),
    truncated: totalCount > MAX_CHAIN_EVENTS,
  };
}

/** Every record of a chain, whole: for replay, which re-produces values and headers. */
export async function findChainEvents(
  es: Client,
  prefix: string,
  correlationId: string,
): Promise<ChainHits<Event>> {
  const { sources, truncated } = await searchChain(es, prefix, correlationId, true);
  return { events: sources.map(eventFromStored), truncated };
}

/**
 * Every record of a chain without headers, payload, raw value and stack: what reconstruction,
 * delivery and lag read. Elasticsearch then neither ships nor the app parses the bulk of them.
 */
export async function findChainSummaries(
  es: Client,
  prefix: string,
  correlationId: string,
): Promise<ChainHits<EventSummary>> {
  const { sources, truncated } = await searchChain(es, prefix, correlationId, {
    excludes: SUMMARY_EXCLUDES,
  });
  return { events: sources.map((source) => EventSummary.parse(source)), truncated };
}

/** More topics than one chain touches in any system we know of. */
const MAX_CHAIN_TOPICS = 1_000;

/**
 * The chain's earliest record (by Kafka timestamp) on each topic it touched, for the lag panel.
 * Collapsing on the topic has Elasticsearch return one hit per topic instead of the whole chain.
 */
export async function findFirstEventPerTopic(
  es: Client,
  prefix: string,
  correlationId: string,
): Promise<EventSummary[]> {
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: MAX_CHAIN_TOPICS,
    _source: { excludes: SUMMARY_EXCLUDES },
    query: { bool: { filter: [{ term: { correlationId } }] } },
    collapse: { field: "topic" },
    sort: [{ timestamp: "asc" }, { occurredAt: "asc" }, { partition: "asc" }, { offset: "asc" }],
  });
  return response.hits.hits.map((hit) => EventSummary.parse(hit._source));
}
