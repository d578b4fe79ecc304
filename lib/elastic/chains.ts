import type { Client } from "@elastic/elasticsearch";
import { Event } from "../events/event";
import { eventsAlias } from "./indices";

/** The most records one chain query returns; larger chains are cut and say so in `truncated`. */
export const MAX_CHAIN_EVENTS = 10_000;

export async function findChainEvents(
  es: Client,
  prefix: string,
  correlationId: string,
): Promise<{ events: Event[]; truncated: boolean }> {
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: MAX_CHAIN_EVENTS,
    track_total_hits: MAX_CHAIN_EVENTS + 1,
    query: { bool: { filter: [{ term: { correlationId } }] } },
    sort: [{ occurredAt: "asc" }, { topic: "asc" }, { partition: "asc" }, { offset: "asc" }],
  });
  const total = response.hits.total;
  const totalCount = typeof total === "number" ? total : (total?.value ?? 0);
  return {
    events: response.hits.hits.map((hit) => Event.parse(hit._source)),
    truncated: totalCount > MAX_CHAIN_EVENTS,
  };
}
