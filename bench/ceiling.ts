import type { Client } from "@elastic/elasticsearch";
import type { Event } from "@/lib/events/event";
import { eventsBulkBody } from "@/lib/elastic/events-bulk";

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
      const body = eventsBulkBody(indexPrefix, events.slice(start, end));
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
