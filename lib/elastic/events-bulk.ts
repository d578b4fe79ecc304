import type { Event } from "../events/event";
import { BulkBodyWriter } from "./bulk-body";
import { eventDocument, eventsIndexFor, type StoredEvent } from "./indices";

/** An event's two bulk lines, the action and its document, each ended by a newline. */
export function eventBulkLines(prefix: string, event: Event): string {
  const action = { index: { _index: eventsIndexFor(prefix, event.timestamp), _id: event.id } };
  return `${JSON.stringify(action)}\n${JSON.stringify(eventDocument(event))}\n`;
}

/**
 * The body of a bulk request that indexes `events`, as the bytes sent. Handing the client bytes
 * rather than operations or a string spares it a second UTF-8 pass to measure the body: about
 * 8 ms of every 1,000-document request, a tenth of the collector's CPU.
 */
export function eventsBulkBody(prefix: string, events: readonly Event[]): Buffer {
  const body = new BulkBodyWriter();
  for (const event of events) body.writeText(eventBulkLines(prefix, event));
  return body.finish();
}

/**
 * The lines of a document Elasticsearch refused, rewritten without its payload and headers and
 * flagged, so the record is still found. Worked on the stored document rather than the event, so
 * the collector need not keep every event until its bulk request is answered.
 */
export function withoutPayloadLines(lines: string): string {
  const [action = "", document = "{}"] = lines.split("\n", 2);
  const stored = JSON.parse(document) as StoredEvent;
  // What the payload is searched by goes with it; `payload: null` says it was left out.
  delete stored.payloadAt;
  delete stored.payloadFields;
  const stripped: StoredEvent = {
    ...stored,
    payload: null,
    headers: [],
    flags: [...stored.flags, "index-rejected"],
  };
  return `${action}\n${JSON.stringify(stripped)}\n`;
}
