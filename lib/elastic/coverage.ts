import type { Client, estypes } from "@elastic/elasticsearch";
import { createIndexWhenMissing } from "./create-index";

/**
 * Index coverage: per topic-partition, the highest offset the collector has had acknowledged by
 * Elasticsearch and when. It is what lets an answer say "indexed up to N s ago", so that "no
 * results" can be trusted to mean no results.
 */
export type Coverage = {
  topic: string;
  partition: number;
  /** Highest offset indexed. */
  offset: string;
  /** When that offset was acknowledged (ISO). */
  indexedAt: string;
  /** The partition's end offset the collector saw when it fetched that record. */
  highWatermark: string | null;
};

export function coverageIndex(prefix: string): string {
  return `${prefix}-coverage`;
}

const keyword: estypes.MappingProperty = { type: "keyword", ignore_above: 1024 };

export async function ensureCoverageIndex(es: Client, prefix: string): Promise<void> {
  await createIndexWhenMissing(es, {
    index: coverageIndex(prefix),
    settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: "1s" },
    mappings: {
      dynamic: "strict",
      properties: {
        topic: keyword,
        partition: { type: "integer" },
        offset: { type: "long" },
        indexedAt: { type: "date" },
        highWatermark: { type: "long" },
      },
    },
  });
}

/**
 * Records the entries. The offset is the document's external version, so Elasticsearch keeps the
 * highest one whatever order writes arrive in (an instance that lost the partition in a
 * rebalance, a restart re-indexing from its last commit): a lower one is a version conflict,
 * which is the intended outcome and not an error.
 */
export async function writeCoverage(
  es: Client,
  prefix: string,
  entries: readonly Coverage[],
): Promise<void> {
  if (entries.length === 0) return;
  const response = await es.bulk({
    // Its own path (not /_bulk), so a proxy or log can tell it from event writes.
    index: coverageIndex(prefix),
    operations: entries.flatMap((entry) => [
      {
        index: {
          _id: `${entry.topic}:${entry.partition}`,
          version: Number(entry.offset),
          version_type: "external_gte" as const,
        },
      },
      entry,
    ]),
  });
  const failed = response.items.filter((item) => item.index?.error && item.index.status !== 409);
  if (failed.length > 0) {
    throw new Error(`coverage update refused: ${failed[0]?.index?.error?.reason ?? "unknown"}`);
  }
}

/** Coverage of every partition, or of the given topics' partitions, ordered by topic and partition. */
export async function readCoverage(
  es: Client,
  prefix: string,
  topics?: readonly string[],
): Promise<Coverage[]> {
  const response = await es.search<Coverage>({
    index: coverageIndex(prefix),
    ignore_unavailable: true,
    size: 10_000,
    query: topics ? { terms: { topic: [...topics] } } : { match_all: {} },
    sort: [{ topic: "asc" }, { partition: "asc" }],
  });
  return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
}

export type CoverageSummary = {
  partitions: number;
  /** The least recent acknowledgement among the partitions: everything is indexed up to then. */
  indexedUpTo: string | null;
  secondsAgo: number | null;
  /** Partitions whose last indexed record was not the end of the partition when fetched. */
  behind: { topic: string; partition: number; offset: string; highWatermark: string }[];
};

/** "Indexed up to N s ago" for a set of partitions. */
export function summarizeCoverage(entries: readonly Coverage[], now = Date.now()): CoverageSummary {
  const times = entries.map((e) => Date.parse(e.indexedAt)).filter(Number.isFinite);
  const oldest = times.length > 0 ? Math.min(...times) : null;
  return {
    partitions: entries.length,
    indexedUpTo: oldest === null ? null : new Date(oldest).toISOString(),
    secondsAgo: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)),
    behind: entries.flatMap(({ topic, partition, offset, highWatermark }) =>
      highWatermark !== null && BigInt(offset) + 1n < BigInt(highWatermark)
        ? [{ topic, partition, offset, highWatermark }]
        : [],
    ),
  };
}
