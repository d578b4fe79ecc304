import type { Admin } from "kafkajs";
import type { KafkaGauges } from "./metrics";

type Watermarks = { partition: number; low: string; high: string };

/**
 * Records the group has yet to commit on a partition. A group that never committed (offset -1)
 * has every retained record ahead of it; an offset below the low watermark counts from there.
 */
export function partitionLag(committed: string, { low, high }: Watermarks): number {
  const start = committed === "-1" || committed === "" ? BigInt(low) : BigInt(committed);
  const from = start > BigInt(low) ? start : BigInt(low);
  const lag = BigInt(high) - from;
  return lag > 0n ? Number(lag) : 0;
}

/** Records held in a topic: what retention has not yet removed, summed over partitions. */
export function topicDepth(partitions: readonly Watermarks[]): number {
  return partitions.reduce((sum, { low, high }) => sum + Number(BigInt(high) - BigInt(low)), 0);
}

/** Reads the group's lag and the DLQ depths from the broker; throws when it is unreachable. */
export async function readKafkaGauges(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
  dlqPattern: RegExp,
): Promise<KafkaGauges> {
  if (topics.length === 0) return { lag: [], dlqDepth: [] };
  const [committed, watermarks] = await Promise.all([
    admin.fetchOffsets({ groupId, topics: [...topics] }),
    Promise.all(
      topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
    ),
  ]);
  const committedOf = new Map(
    committed.flatMap(({ topic, partitions }) =>
      partitions.map((p) => [`${topic}\u0000${p.partition}`, p.offset] as const),
    ),
  );
  return {
    lag: watermarks.flatMap(({ topic, partitions }) =>
      partitions.map((p) => ({
        topic,
        partition: p.partition,
        lag: partitionLag(committedOf.get(`${topic}\u0000${p.partition}`) ?? "-1", p),
      })),
    ),
    dlqDepth: watermarks
      .filter(({ topic }) => dlqPattern.test(topic))
      .map(({ topic, partitions }) => ({ topic, depth: topicDepth(partitions) })),
  };
}
