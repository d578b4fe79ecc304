import type { Admin, Kafka } from "kafkajs";
import type { CommittedOffsets } from "../chain/delivery";

export type OffsetsSnapshot = { offsets: CommittedOffsets; readAt: number };

const CONCURRENCY = 8;

/**
 * Committed offsets of every consumer group, read with kafkajs admin and shared by all chain
 * requests for `cacheMs`, so a page polling delivery status costs Kafka one snapshot per
 * interval however many people watch. Groups in `excludeGroups` (Causeway's own collector)
 * and those matching `ignorePattern` (other Causeway instances on the same cluster) are left
 * out: they read everything and say nothing about the user's consumers.
 */
export function committedOffsetsReader(
  kafka: Kafka,
  options: { excludeGroups: readonly string[]; ignorePattern: RegExp | null; cacheMs: number },
) {
  let admin: Admin | undefined;
  let snapshot: OffsetsSnapshot | undefined;
  let inFlight: Promise<OffsetsSnapshot> | undefined;

  const connected = async (): Promise<Admin> => {
    if (!admin) {
      const created = kafka.admin();
      await created.connect();
      admin = created;
    }
    return admin;
  };

  const readAll = async (): Promise<OffsetsSnapshot> => {
    const client = await connected();
    const readAt = Date.now();
    const { groups } = await client.listGroups();
    const ids = groups
      .filter(({ protocolType }) => protocolType === "consumer" || protocolType === "")
      .map(({ groupId }) => groupId)
      .filter((groupId) => !options.excludeGroups.includes(groupId))
      .filter((groupId) => !options.ignorePattern?.test(groupId));
    const offsets = new Map<string, Map<string, Map<number, bigint>>>();
    for (let i = 0; i < ids.length; i += CONCURRENCY) {
      const batch = ids.slice(i, i + CONCURRENCY);
      const answers = await Promise.all(
        batch.map(async (groupId) => ({ groupId, topics: await client.fetchOffsets({ groupId }) })),
      );
      for (const { groupId, topics } of answers) {
        for (const { topic, partitions } of topics) {
          const committed = partitions.filter(({ offset }) => Number(offset) >= 0);
          if (committed.length === 0) continue;
          const byGroup = offsets.get(topic) ?? new Map<string, Map<number, bigint>>();
          byGroup.set(groupId, new Map(committed.map((p) => [p.partition, BigInt(p.offset)])));
          offsets.set(topic, byGroup);
        }
      }
    }
    return { offsets, readAt };
  };

  return {
    async read(): Promise<OffsetsSnapshot> {
      if (snapshot && Date.now() - snapshot.readAt < options.cacheMs) return snapshot;
      inFlight ??= readAll()
        .then((fresh) => (snapshot = fresh))
        .catch(async (error: unknown) => {
          const broken = admin;
          admin = undefined;
          await broken?.disconnect().catch(() => undefined);
          throw error;
        })
        .finally(() => (inFlight = undefined));
      return inFlight;
    },
    async close() {
      await admin?.disconnect();
      admin = undefined;
    },
  };
}

export type CommittedOffsetsReader = ReturnType<typeof committedOffsetsReader>;
