import type { Client, estypes } from "@elastic/elasticsearch";
import { deadLetterGroupKey } from "../dlq/fingerprint";
import type { Event } from "../events/event";
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

function schemaRefProperties(): Record<string, estypes.MappingProperty> {
  return {
    id: { type: "integer" },
    subject: keyword,
    version: { type: "integer" },
    format: keyword,
  };
}

const eventsMappings: estypes.MappingTypeMapping = {
  dynamic: "false",
  _source: { excludes: ["payloadFields"] },
  properties: {
    id: keyword,
    topic: keyword,
    partition: { type: "integer" },
    offset: { type: "long" },
    key: keyword,
    headers: { type: "flattened", ignore_above: 1024 },
    eventId: keyword,
    eventType: keyword,
    correlationId: keyword,
    causationId: keyword,
    occurredAt: { type: "date" },
    timestamp: { type: "date" },
    ingestedAt: { type: "date" },
    schemaVersion: keyword,
    service: keyword,
    envelope: keyword,
    // Kept in _source for display only: any JSON shape is allowed there.
    payload: { type: "object", enabled: false },
    // The same payload, searchable by path without a mapping explosion.
    payloadFields: { type: "flattened", ignore_above: 1024, depth_limit: 100 },
    raw: { type: "text", index: true },
    valueSize: { type: "integer" },
    flags: keyword,
    attempt: { type: "integer" },
    trace: { properties: { traceId: keyword, spanId: keyword } },
    valueSchema: { properties: schemaRefProperties() },
    keySchema: { properties: schemaRefProperties() },
    // Written at index time so the DLQ board can aggregate by failure without reading records.
    dlqGroup: {
      properties: { fingerprint: keyword, errorClass: keyword, message: keyword },
    },
    dlq: {
      properties: {
        originalTopic: keyword,
        originalPartition: { type: "integer" },
        originalOffset: { type: "long" },
        errorClass: keyword,
        errorMessage: { type: "text", fields: { keyword } },
        wrapperClass: keyword,
        consumerGroup: keyword,
        // Shown, never searched: stack traces are long and would bloat the index.
        errorStack: { type: "text", index: false },
        failedAt: { type: "date" },
        stage: keyword,
        stageClass: keyword,
        connectorName: keyword,
        taskId: { type: "integer" },
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
      settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: refreshInterval },
      mappings: eventsMappings,
      aliases: { [eventsAlias(prefix)]: {} },
    },
  });
  // A template shapes only indices made after it: today's index, made by an older version or
  // under other settings, gets the fields added since and the refresh interval asked for now.
  const existing = await es.indices.get({ index: `${prefix}-events-*`, allow_no_indices: true });
  if (Object.keys(existing).length > 0) {
    await es.indices.putMapping({
      index: `${prefix}-events-*`,
      properties: eventsMappings.properties,
    });
    await es.indices.putSettings({
      index: `${prefix}-events-*`,
      settings: { refresh_interval: refreshInterval },
    });
  }
}

/**
 * The document stored for an event: the event, its payload as a searchable object and, for a
 * dead letter, the failure group it belongs to.
 */
export function eventDocument(
  event: Event,
): Event & { payloadFields?: unknown; dlqGroup?: unknown } {
  const { payload } = event;
  const dlqGroup = deadLetterGroupKey(event);
  const withGroup = dlqGroup ? { ...event, dlqGroup } : event;
  if (payload === null) return withGroup;
  const payloadFields =
    typeof payload === "object" && !Array.isArray(payload) ? payload : { value: payload };
  return { ...withGroup, payloadFields };
}
