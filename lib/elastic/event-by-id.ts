import type { Client } from "@elastic/elasticsearch";
import type { Event } from "../events/event";
import { eventFromStored } from "../events/stored-layout";
import { eventsAlias } from "./indices";

/** One indexed record by its `Event.id` (topic:partition:offset), or null when not indexed. */
export async function findEventById(es: Client, prefix: string, id: string): Promise<Event | null> {
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 1,
    query: { ids: { values: [id] } },
  });
  const hit = response.hits.hits[0];
  return hit ? eventFromStored(hit._source) : null;
}
