import type { Client } from "@elastic/elasticsearch";
import type { Event } from "@/lib/events/event";
import { eventDocument, eventsIndexFor } from "@/lib/elastic/indices";

export type BulkSettings = {
  /** Documents per bulk request. */
  batchDocs: number;
  /** Bulk requests in flight at once. */
  concurrency: number;
};

export type CeilingResult = { docs: number; ms: number; failed: number };

/**
 * The ceiling: the already decoded events bulk-indexed straight from memory, as fast as this
 * client and cluster go. Serializing each request is timed (any writer pays it); decoding and
 * Kafka are not. Responses carry only errors (`filter_path`), which is cheaper for both sides.
 */
export async function bulkFromMemory(
  es: Client,
  events: readonly Event[],
  indexPrefix: string,
  settings: BulkSettings,
): Promise<CeilingResult> {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < events.length) {
      const start = next;
      next += settings.batchDocs;
      const end = Math.min(events.length, start + settings.batchDocs);
      const body = ndjson(events, start, end, indexPrefix);
      const response = (await es.transport.request({
        method: "POST",
        path: "/_bulk",
        querystring: { filter_path: "errors,items.*.error" },
        bulkBody: body,
      })) as { errors: boolean; items?: unknown[] };
      if (response.errors) failed += response.items?.length ?? 0;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  return { docs: events.length, ms: performance.now() - started, failed };
}

function ndjson(events: readonly Event[], start: number, end: number, prefix: string): string {
  const lines: string[] = [];
  for (let i = start; i < end; i += 1) {
    const event = events[i] as Event;
    lines.push(
      JSON.stringify({ index: { _index: eventsIndexFor(prefix, event.timestamp), _id: event.id } }),
    );
    lines.push(JSON.stringify(eventDocument(event)));
  }
  return `${lines.join("\n")}\n`;
}
