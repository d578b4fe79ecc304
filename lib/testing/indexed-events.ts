import type { Client } from "@elastic/elasticsearch";
import { eventsAlias } from "../elastic/indices";
import type { Event } from "../events/event";
import { eventFromStored } from "../events/stored-layout";

/**
 * Every document of a test's own events index, read back as the app reads them (the payload
 * derived from `raw` where it is not stored), oldest offset first.
 */
export async function indexedEvents(es: Client, prefix: string): Promise<Event[]> {
  await es.indices.refresh({ index: eventsAlias(prefix), ignore_unavailable: true });
  const response = await es.search({
    index: eventsAlias(prefix),
    size: 1000,
    ignore_unavailable: true,
    allow_no_indices: true,
    sort: [{ offset: "asc" }],
  });
  return response.hits.hits.map((hit) => eventFromStored(hit._source));
}

export async function indexedEventsById(es: Client, prefix: string): Promise<Map<string, Event>> {
  return new Map((await indexedEvents(es, prefix)).map((event) => [event.id, event]));
}
