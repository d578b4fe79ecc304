import type { Client, estypes } from "@elastic/elasticsearch";
import { deadLetterGroupKey } from "../dlq/fingerprint";
import type { Event } from "../events/event";
import { payloadBeyondRaw, storedPayload } from "../events/stored-layout";
import { DEFAULT_REFRESH_INTERVAL } from "./refresh";

/**
 * Events live in daily indices behind one alias, so retention is a cheap index delete. A record
 * goes to the day of its Kafka timestamp, which never changes, so re-indexing it is idempotent.
 */
export function eventsAlias(prefix: string): string {
  return `${prefix}-events`;
}

export function eventsIndexFor(prefix: string, timestampIso: string): string {
  return `${prefix}-events-${timestampIso.slice(0, 10).replaceAll("-", ".")}`;
}

const keyword: estypes.MappingProperty = { type: "keyword", ignore_above: 1024 };
// For fields only matched on: doc values serve sorting and aggregations, and nothing sorts or
// aggregates on these (see the queries in lib/elastic), so they would be disk spent for nothing.
const matchedKeyword: estypes.MappingProperty = { ...keyword, doc_values: false };
const matchedInteger: estypes.MappingProperty = { type: "integer", doc_values: false };

function schemaRefProperties(): Record<string, estypes.MappingProperty> {
  return {
    id: { type: "integer" },
    subject: keyword,
    version: { type: "integer" },
    format: keyword,
  };
}

export const eventsMappings: estypes.MappingTypeMapping = {
  dynamic: "false",
  properties: {
    id: keyword,
    topic: keyword,
    partition: { type: "integer" },
    offset: { type: "long" },
    key: matchedKeyword,
    headers: { type: "flattened", ignore_above: 1024, doc_values: false },
    eventId: matchedKeyword,
    eventType: matchedKeyword,
    correlationId: keyword,
    causationId: matchedKeyword,
    occurredAt: { type: "date" },
    timestamp: { type: "date" },
    ingestedAt: { type: "date" },
    // The contracts page aggregates the declared versions per shape.
    schemaVersion: keyword,
    service: keyword,
    envelope: matchedKeyword,
    // In _source only when `raw` does not give it (lib/events/stored-layout.ts); never searched.
    payload: { type: "object", enabled: false },
    // The key of the raw JSON value the payload is, when it is one of its members.
    payloadAt: { type: "keyword", index: false, doc_values: false },
    // The payload's values that `raw`'s words do not hold (lib/events/stored-layout.ts), searchable
    // without a mapping explosion. Kept in `_source`, unlike before: a filtered `_source` makes
    // Elasticsearch keep every document whole once more (`_recovery_source`) until it merges.
    payloadFields: {
      type: "flattened",
      ignore_above: 1024,
      depth_limit: 100,
      doc_values: false,
    },
    // The one searchable copy of a text value's words. Searched by `match` with every term
    // required, never by phrase or score: which documents hold a term is all the index needs.
    raw: { type: "text", index_options: "docs", norms: false },
    valueSize: matchedInteger,
    flags: matchedKeyword,
    attempt: matchedInteger,
    trace: { properties: { traceId: matchedKeyword, spanId: matchedKeyword } },
    // The contracts page aggregates records by event type and payload shape.
    contract: keyword,
    shape: keyword,
    valueSchema: { properties: schemaRefProperties() },
    keySchema: { properties: schemaRefProperties() },
    // Written at index time so the DLQ board can aggregate by failure without reading records.
    dlqGroup: {
      properties: { fingerprint: keyword, errorClass: matchedKeyword, message: matchedKeyword },
    },
    dlq: {
      properties: {
        originalTopic: keyword,
        originalPartition: matchedInteger,
        originalOffset: { type: "long", doc_values: false },
        errorClass: matchedKeyword,
        errorMessage: { type: "text", fields: { keyword: matchedKeyword } },
        wrapperClass: matchedKeyword,
        consumerGroup: keyword,
        // Shown, never searched: stack traces are long and would bloat the index.
        errorStack: { type: "text", index: false },
        failedAt: { type: "date", doc_values: false },
        stage: matchedKeyword,
        stageClass: matchedKeyword,
        connectorName: matchedKeyword,
        taskId: matchedInteger,
      },
    },
  },
};

export async function ensureEventsTemplate(
  es: Client,
  prefix: string,
  refreshInterval = DEFAULT_REFRESH_INTERVAL,
): Promise<void> {
  await es.indices.putIndexTemplate({
    name: `${prefix}-events`,
    index_patterns: [`${prefix}-events-*`],
    template: {
      settings: {
        number_of_shards: 1,
        number_of_replicas: 0,
        refresh_interval: refreshInterval,
        // Most of a document is its value; DEFLATE packs JSON text about twice as tight as LZ4.
        codec: "best_compression",
      },
      mappings: eventsMappings,
      aliases: { [eventsAlias(prefix)]: {} },
    },
  });
  // A template shapes only indices made after it: today's index, made by an older version or
  // under other settings, gets the fields added since and the refresh interval asked for now.
  const existing = await es.indices.get({ index: `${prefix}-events-*`, allow_no_indices: true });
  if (Object.keys(existing).length > 0) {
    // Only fields an index lacks: one made under the older mapping keeps its fields as they are
    // (Elasticsearch refuses to change them), and its documents read the same.
    for (const [index, { mappings }] of Object.entries(existing)) {
      const missing = missingProperties(
        mappings?.properties ?? {},
        eventsMappings.properties ?? {},
      );
      if (Object.keys(missing).length > 0)
        await es.indices.putMapping({ index, properties: missing });
    }
    await es.indices.putSettings({
      index: `${prefix}-events-*`,
      settings: { refresh_interval: refreshInterval },
    });
  }
}

type Properties = Record<string, estypes.MappingProperty>;

/** The properties of `wanted` that `existing` lacks, down through object fields. */
export function missingProperties(existing: Properties, wanted: Properties): Properties {
  const missing: Properties = {};
  for (const [name, property] of Object.entries(wanted)) {
    const present = existing[name];
    if (present === undefined) {
      missing[name] = property;
    } else if ("properties" in property && property.properties && "properties" in present) {
      const inner = missingProperties(present.properties ?? {}, property.properties);
      if (Object.keys(inner).length > 0) missing[name] = { properties: inner };
    }
  }
  return missing;
}

/**
 * The document stored for an event: the event, its payload only when `raw` does not give it, the
 * payload's values a search of `raw` could miss (see lib/events/stored-layout.ts) and, for a dead
 * letter, the failure group it belongs to.
 */
export function eventDocument(event: Event): StoredEvent {
  const { payload, ...rest } = event;
  const dlqGroup = deadLetterGroupKey(event);
  const document: StoredEvent = { ...rest, ...storedPayload(event) };
  if (dlqGroup) document.dlqGroup = dlqGroup;
  const searchable = payloadBeyondRaw({ payload, raw: event.raw });
  if (searchable !== undefined) {
    document.payloadFields =
      typeof searchable === "object" && !Array.isArray(searchable)
        ? searchable
        : { value: searchable };
  }
  return document;
}

export type StoredEvent = Omit<Event, "payload"> & {
  payload?: unknown;
  payloadAt?: string;
  payloadFields?: unknown;
  dlqGroup?: unknown;
};
