import type { Client, estypes } from "@elastic/elasticsearch";
import { Span, spanDocId } from "../spans/span";

/**
 * Spans live in daily indices behind one alias, like events, so retention is an index delete.
 * A span goes to the day it started, which never changes, and its id is `traceId:spanId`, so an
 * exporter sending it again overwrites it.
 */
export function spansAlias(prefix: string): string {
  return `${prefix}-spans`;
}

export function spansIndexFor(prefix: string, startTimeIso: string): string {
  return `${prefix}-spans-${startTimeIso.slice(0, 10).replaceAll("-", ".")}`;
}

const keyword: estypes.MappingProperty = { type: "keyword", ignore_above: 1024 };

const spansMappings: estypes.MappingTypeMapping = {
  dynamic: "false",
  properties: {
    traceId: keyword,
    spanId: keyword,
    parentSpanId: keyword,
    name: keyword,
    kind: keyword,
    startTime: { type: "date" },
    endTime: { type: "date" },
    durationMs: { type: "double" },
    service: keyword,
    messaging: {
      properties: {
        system: keyword,
        operation: keyword,
        destination: keyword,
        partition: { type: "integer" },
        offset: keyword,
        consumerGroup: keyword,
      },
    },
    links: { properties: { traceId: keyword, spanId: keyword } },
    // Shown and read back whole, never searched.
    attributes: { type: "object", enabled: false },
  },
};

export async function ensureSpansTemplate(es: Client, prefix: string): Promise<void> {
  await es.indices.putIndexTemplate({
    name: spansAlias(prefix),
    index_patterns: [`${prefix}-spans-*`],
    template: {
      settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: "1s" },
      mappings: spansMappings,
      aliases: { [spansAlias(prefix)]: {} },
    },
  });
}

export class SpansRejectedError extends Error {}

/** Indexes spans; resolves only once Elasticsearch has acknowledged every one of them. */
export async function indexSpans(es: Client, prefix: string, spans: readonly Span[]) {
  if (spans.length === 0) return;
  const operations = spans.flatMap((span) => [
    { index: { _index: spansIndexFor(prefix, span.startTime), _id: spanDocId(span) } },
    span,
  ]);
  const response = await es.bulk({ operations });
  if (response.errors) {
    const failed = response.items.find((item) => item.index?.error)?.index?.error;
    throw new SpansRejectedError(`spans were rejected: ${failed?.reason ?? "unknown reason"}`);
  }
}

/** More spans than the messaging spans of any one chain we know of. */
export const MAX_CHAIN_SPANS = 10_000;

/** The kept spans of these traces. */
export async function findSpansOfTraces(
  es: Client,
  prefix: string,
  traceIds: readonly string[],
): Promise<Span[]> {
  if (traceIds.length === 0) return [];
  const response = await es.search({
    index: spansAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: MAX_CHAIN_SPANS,
    query: { bool: { filter: [{ terms: { traceId: [...traceIds] } }] } },
    sort: [{ startTime: "asc" }, { spanId: "asc" }],
  });
  return response.hits.hits.map((hit) => Span.parse(hit._source));
}
