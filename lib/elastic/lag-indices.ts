import type { Client, estypes } from "@elastic/elasticsearch";
import { lagSampleId, type LagSample } from "../lag/sample";

/**
 * Lag samples live in daily indices behind one alias. The integ-test Elasticsearch has no ILM,
 * so retention is the sampler deleting whole days by name.
 */
export function lagAlias(prefix: string): string {
  return `${prefix}-lag`;
}

export function lagIndexFor(prefix: string, timeMs: number): string {
  return `${prefix}-lag-${new Date(timeMs).toISOString().slice(0, 10).replaceAll("-", ".")}`;
}

const keyword: estypes.MappingProperty = { type: "keyword", ignore_above: 1024 };

const lagMappings: estypes.MappingTypeMapping = {
  dynamic: "false",
  properties: {
    /** group + topic, for collapsing to one series per pair. */
    series: keyword,
    group: keyword,
    topic: keyword,
    sampledAt: { type: "date" },
    members: { type: "integer" },
    state: keyword,
    internal: { type: "boolean" },
    totalLag: { type: "long" },
    maxLagSeconds: { type: "double" },
    // Read back whole and judged in TypeScript; never searched.
    partitions: { type: "object", enabled: false },
  },
};

export async function ensureLagTemplate(es: Client, prefix: string): Promise<void> {
  await es.indices.putIndexTemplate({
    name: lagAlias(prefix),
    index_patterns: [`${prefix}-lag-*`],
    template: {
      settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: "1s" },
      mappings: lagMappings,
      aliases: { [lagAlias(prefix)]: {} },
    },
  });
}

export function seriesKey(group: string, topic: string): string {
  return `${group}\u0000${topic}`;
}

/**
 * Writes one sampling round. The index and id come from the sampling interval, so a second
 * collector sampling the same interval overwrites rather than duplicates.
 */
export async function writeLagSamples(
  es: Client,
  prefix: string,
  samples: readonly LagSample[],
  sampleMs: number,
): Promise<void> {
  if (samples.length === 0) return;
  const operations = samples.flatMap((sample) => {
    const time = Date.parse(sample.sampledAt);
    const bucketStart = Math.floor(time / sampleMs) * sampleMs;
    return [
      {
        index: {
          _index: lagIndexFor(prefix, bucketStart),
          _id: lagSampleId(sample.group, sample.topic, time, sampleMs),
        },
      },
      { ...sample, series: seriesKey(sample.group, sample.topic) },
    ];
  });
  const response = await es.bulk({ operations });
  if (response.errors) {
    const failed = response.items.find((item) => item.index?.error)?.index?.error;
    throw new Error(`lag samples were rejected: ${failed?.reason ?? "unknown reason"}`);
  }
}

/** Deletes the daily lag indices older than `retentionDays`; returns their names. */
export async function deleteExpiredLagIndices(
  es: Client,
  prefix: string,
  retentionDays: number,
  now: number,
): Promise<string[]> {
  const indices = await es.indices.get({
    index: `${prefix}-lag-*`,
    allow_no_indices: true,
    ignore_unavailable: true,
  });
  const oldestKept = lagIndexFor(prefix, now - retentionDays * 86_400_000);
  const expired = expiredLagIndices(Object.keys(indices), prefix, oldestKept);
  if (expired.length > 0) await es.indices.delete({ index: expired });
  return expired;
}

/** Daily names sort by date, so anything before the oldest kept day is expired. */
export function expiredLagIndices(names: string[], prefix: string, oldestKept: string): string[] {
  const daily = new RegExp(`^${prefix}-lag-\\d{4}\\.\\d{2}\\.\\d{2}$`);
  return names.filter((name) => daily.test(name) && name < oldestKept).sort();
}
