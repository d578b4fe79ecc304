import type { Client } from "@elastic/elasticsearch";
import type { Kafka } from "kafkajs";
import { eventsAlias } from "../elastic/indices";
import { eventually } from "./real-stack";

/**
 * Helpers for the collector's fault tests: a producer that keeps records arriving while a fault
 * is injected, and readers of what the broker holds, what the group committed and what was
 * indexed, to compare record by record.
 */

export async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: partitions }],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}

/** The event id the steady producer gives record `i` of `topic`. */
export const steadyEventId = (topic: string, i: number) => `${topic}#${i}`;

export type SteadyProducer = {
  /** Resolves with the number of records sent, once `total` are or `stop` was called. */
  done: Promise<number>;
  sent(): number;
  /** Ends the run after the records in flight; resolves like `done`. */
  stop(): Promise<number>;
};

/**
 * Sends `total` JSON records, `perTick` every `tickMs`, round-robin over the partitions. A failed
 * send (the broker restarting) is retried until it succeeds, so a record may be written twice;
 * compare with `endOffsets`, not with `total`, where the broker is made to fail.
 */
export function startSteadyProducer(
  kafka: Kafka,
  topic: string,
  options: { total: number; perTick: number; tickMs: number; partitions: number },
): SteadyProducer {
  const producer = kafka.producer();
  let sent = 0;
  let stopped = false;
  const run = async () => {
    await producer.connect();
    try {
      while (sent < options.total && !stopped) {
        const tick = Date.now();
        const count = Math.min(options.perTick, options.total - sent);
        const messages = Array.from({ length: count }, (_, j) => {
          const i = sent + j;
          return {
            partition: i % options.partitions,
            key: `key-${i % 50}`,
            value: JSON.stringify({
              event_id: steadyEventId(topic, i),
              event_type: "Steady",
              correlation_id: `${topic}-corr-${i % 20}`,
              payload: { i },
            }),
          };
        });
        for (;;) {
          try {
            await producer.send({ topic, messages });
            break;
          } catch {
            await sleep(500);
          }
        }
        sent += count;
        await sleep(Math.max(0, options.tickMs - (Date.now() - tick)));
      }
      return sent;
    } finally {
      await producer.disconnect();
    }
  };
  const done = run();
  return {
    done,
    sent: () => sent,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}

/** High watermark per partition, as a map partition → offset. */
export async function endOffsets(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
}

/** The group's committed offsets on `topic` (partition → offset; -1 when none). */
export async function committedOffsets(
  kafka: Kafka,
  groupId: string,
  topic: string,
): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((result?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset || "-1")]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads where each partition of `topic` ends now, then waits until `groupId` has committed every
 * partition up to there; gives those ends, to compare the index with.
 */
export async function untilCommitted(
  what: string,
  kafka: Kafka,
  { groupId, topic }: { groupId: string; topic: string },
  timeoutMs: number,
): Promise<Map<number, bigint>> {
  const ends = await endOffsets(kafka, topic);
  await eventually(
    what,
    async () => {
      const committed = await committedOffsets(kafka, groupId, topic);
      return [...ends].every(([partition, end]) => committed.get(partition) === end);
    },
    timeoutMs,
  );
  return ends;
}

export type IndexedRecord = { partition: number; offset: string; eventId: string | null };

/** Every document indexed for `topic` (up to 10,000), after a refresh. */
export async function indexedRecords(
  es: Client,
  prefix: string,
  topic: string,
): Promise<IndexedRecord[]> {
  const index = eventsAlias(prefix);
  await es.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const response = await es.search<IndexedRecord>({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 10_000,
    track_total_hits: true,
    query: { term: { topic } },
    _source: ["partition", "offset", "eventId"],
  });
  return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
}

export async function indexedCount(es: Client, prefix: string, topic: string): Promise<number> {
  const index = eventsAlias(prefix);
  await es.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const response = await es.count({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    query: { term: { topic } },
  });
  return response.count;
}

/**
 * What is missing or extra in the index compared with the broker: every offset below each
 * partition's end must be there exactly once.
 */
export function compareWithBroker(
  records: readonly IndexedRecord[],
  ends: ReadonlyMap<number, bigint>,
): { expected: number; indexed: number; missing: string[]; duplicated: string[] } {
  const seen = new Map<string, number>();
  for (const { partition, offset } of records) {
    const key = `${partition}:${offset}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const missing: string[] = [];
  let expected = 0;
  for (const [partition, end] of ends) {
    for (let offset = 0n; offset < end; offset += 1n) {
      expected += 1;
      if (!seen.has(`${partition}:${offset}`)) missing.push(`${partition}:${offset}`);
    }
  }
  const duplicated = [...seen].filter(([, n]) => n > 1).map(([key]) => key);
  return { expected, indexed: records.length, missing, duplicated };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
