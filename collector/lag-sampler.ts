import type { Client } from "@elastic/elasticsearch";
import type { Admin, GroupDescription, Kafka } from "kafkajs";
import type { Config } from "@/lib/config/config";
import { deleteExpiredLagIndices, writeLagSamples } from "@/lib/elastic/lag-indices";
import { addEndOffset, lagSeconds, type OffsetTime } from "@/lib/lag/offset-times";
import { GroupState, messageLag, summarize, type LagSample } from "@/lib/lag/sample";
import { errorMessage, type Logger } from "@/lib/log";

export type LagSamplerDeps = {
  config: Pick<Config, "indexPrefix" | "collectorGroup" | "lagSampleMs" | "lagRetentionDays">;
  /** Connected by the caller, who also disconnects it. */
  admin: Admin;
  es: Client;
  log: Logger;
  now?: () => number;
  /** Which groups to sample; all of them unless given (benchmarks isolate their own). */
  includeGroup?: (groupId: string) => boolean;
  /** Per topic-partition: when each end offset was first seen. Kept across admin clients. */
  endOffsetTimes?: Map<string, OffsetTime[]>;
};

export type SampleRound = {
  groups: number;
  samples: number;
  partitions: number;
  /** Topics whose end offsets could not be read (deleted mid-round, typically). */
  unreadTopics: number;
};

export type LagSampler = {
  /** Takes one sample of every group now and writes it. */
  sampleOnce(): Promise<SampleRound>;
};

const CONCURRENCY = 16;
const RETENTION_CHECK_MS = 60 * 60_000;

/**
 * Every `lagSampleMs`: every consumer group's committed offsets and every topic's end offsets
 * from the admin API, turned into lag in messages and in seconds, written to the lag index.
 * Another team's groups are only read; nothing here commits.
 */
export function createLagSampler(deps: LagSamplerDeps): LagSampler {
  const { admin, es, config } = deps;
  const now = deps.now ?? Date.now;
  /** Per topic-partition: when each end offset was first seen, for lag in seconds. */
  const endOffsetTimes = deps.endOffsetTimes ?? new Map<string, OffsetTime[]>();

  const sampleOnce = async (): Promise<SampleRound> => {
    const sampledAtMs = now();
    const { groups } = await admin.listGroups();
    const ids = groups
      .map((g) => g.groupId)
      .filter((id) => deps.includeGroup?.(id) ?? true)
      .sort();
    const descriptions = new Map<string, GroupDescription>();
    for (const chunk of chunks(ids, 100)) {
      if (chunk.length === 0) continue;
      for (const d of (await admin.describeGroups(chunk)).groups) descriptions.set(d.groupId, d);
    }
    const committed = await mapLimit(ids, CONCURRENCY, async (groupId) => ({
      groupId,
      topics: await admin.fetchOffsets({ groupId }).catch(() => []),
    }));
    // Offsets outlive deleted topics; asking for those would wait out kafkajs' metadata retries.
    const existing = new Set(await admin.listTopics());
    const topics = [...new Set(committed.flatMap((c) => c.topics.map((t) => t.topic)))].filter(
      (topic) => existing.has(topic),
    );
    const ends = new Map<string, Map<number, number>>();
    let unreadTopics = 0;
    await mapLimit(topics, CONCURRENCY, async (topic) => {
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => null);
      if (!offsets) {
        unreadTopics += 1;
        return;
      }
      const byPartition = new Map<number, number>();
      for (const o of offsets) {
        const end = Number(o.high);
        byPartition.set(o.partition, end);
        const key = `${topic}\u0000${o.partition}`;
        endOffsetTimes.set(key, addEndOffset(endOffsetTimes.get(key) ?? [], end, sampledAtMs));
      }
      ends.set(topic, byPartition);
    });

    const samples: LagSample[] = [];
    for (const { groupId, topics: groupTopics } of committed) {
      const description = descriptions.get(groupId);
      for (const { topic, partitions } of groupTopics) {
        const topicEnds = ends.get(topic);
        if (!topicEnds) continue;
        const rows = partitions
          .filter((p) => topicEnds.has(p.partition))
          .map((p) => {
            const end = topicEnds.get(p.partition) ?? 0;
            const offset = Number(p.offset);
            const position = offset >= 0 ? offset : null;
            const table = endOffsetTimes.get(`${topic}\u0000${p.partition}`) ?? [];
            return {
              partition: p.partition,
              committed: position,
              end,
              lag: messageLag(position, end),
              lagSeconds: lagSeconds(table, position, end, sampledAtMs),
            };
          })
          .sort((a, b) => a.partition - b.partition);
        if (rows.every((r) => r.committed === null)) continue;
        samples.push({
          group: groupId,
          topic,
          sampledAt: new Date(sampledAtMs).toISOString(),
          members: description?.members.length ?? 0,
          state: GroupState.catch("Unknown").parse(description?.state),
          internal: groupId === config.collectorGroup,
          ...summarize(rows),
          partitions: rows,
        });
      }
    }
    await writeLagSamples(es, config.indexPrefix, samples, config.lagSampleMs);
    const partitionCount = samples.reduce((n, s) => n + s.partitions.length, 0);
    return {
      groups: ids.length,
      samples: samples.length,
      partitions: partitionCount,
      unreadTopics,
    };
  };

  return { sampleOnce };
}

/**
 * Samples every `lagSampleMs` (measured from the start of a round) until stopped. kafkajs keeps
 * every topic it was asked about in its metadata requests, so once one of them is deleted all
 * later requests of that admin client fail; a round that met a vanished topic therefore hands
 * over to a fresh admin client, keeping the offset history.
 */
export function startLagSampler(
  deps: Omit<LagSamplerDeps, "admin" | "endOffsetTimes"> & { kafka: Kafka },
): { stop(): Promise<void> } {
  const { es, log, config, kafka } = deps;
  const now = deps.now ?? Date.now;
  const endOffsetTimes = new Map<string, OffsetTime[]>();
  let admin: Admin | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  let failing = false;
  let lastRetentionCheck = 0;

  const retire = async () => {
    await admin?.disconnect().catch(() => undefined);
    admin = null;
  };

  const round = async () => {
    const started = now();
    try {
      if (!admin) {
        const fresh = kafka.admin();
        await fresh.connect();
        admin = fresh;
      }
      if (started - lastRetentionCheck >= RETENTION_CHECK_MS) {
        lastRetentionCheck = started;
        const deleted = await deleteExpiredLagIndices(
          es,
          config.indexPrefix,
          config.lagRetentionDays,
          started,
        );
        if (deleted.length > 0) log.info("deleted expired lag indices", { indices: deleted });
      }
      const result = await createLagSampler({ ...deps, admin, endOffsetTimes }).sampleOnce();
      if (result.unreadTopics > 0) await retire();
      if (failing) log.info("lag sampling recovered");
      failing = false;
    } catch (error) {
      if (!failing)
        log.warn("lag sampling failed; will keep trying", { error: errorMessage(error) });
      failing = true;
      await retire();
    }
    if (!stopped) timer = setTimeout(tick, Math.max(0, config.lagSampleMs - (now() - started)));
  };
  const tick = () => {
    inFlight = round();
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      await retire();
    },
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
