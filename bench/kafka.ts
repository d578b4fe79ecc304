import type { Admin, Message, Producer, RecordMetadata } from "kafkajs";
import type { RawRecord } from "@/lib/envelope/raw-record";
import type { BenchRecord } from "./records";

/** Creates the bench's topics, each with `partitions` partitions. */
export async function createTopics(
  admin: Admin,
  topics: string[],
  partitions: number,
): Promise<void> {
  await admin.createTopics({
    waitForLeaders: true,
    topics: topics.map((topic) => ({ topic, numPartitions: partitions })),
  });
}

export function toMessage(record: BenchRecord): Message {
  return {
    partition: record.partition,
    key: record.key,
    value: record.value,
    headers: record.headers,
    timestamp: record.timestamp,
  };
}

/** The bench record as the collector will receive it from kafkajs: bytes everywhere. */
export function toRawRecord(record: BenchRecord, offset: string): RawRecord {
  const headers: RawRecord["headers"] = {};
  for (const [name, value] of Object.entries(record.headers)) headers[name] = Buffer.from(value);
  return {
    topic: record.topic,
    partition: record.partition,
    offset,
    timestamp: record.timestamp,
    key: Buffer.from(record.key),
    value: Buffer.from(record.value),
    headers,
  };
}

/**
 * Sends `records` (in chunks, a few requests in flight) and returns each record's offset, worked
 * out from the base offset the broker reports per partition: one request keeps the order of the
 * messages it carries for each partition.
 */
export async function produceAll(
  producer: Producer,
  records: readonly BenchRecord[],
  { chunk = 2_000, inFlight = 4 } = {},
): Promise<string[]> {
  const offsets: string[] = new Array<string>(records.length);
  let next = 0;
  const worker = async () => {
    while (next < records.length) {
      const start = next;
      next += chunk;
      await sendChunk(producer, records, start, Math.min(records.length, start + chunk), offsets);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return offsets;
}

async function sendChunk(
  producer: Producer,
  records: readonly BenchRecord[],
  start: number,
  end: number,
  offsets: string[],
): Promise<void> {
  const byTopic = new Map<string, number[]>();
  for (let i = start; i < end; i += 1) {
    const record = records[i];
    if (!record) continue;
    const list = byTopic.get(record.topic) ?? [];
    list.push(i);
    byTopic.set(record.topic, list);
  }
  const metadata = await producer.sendBatch({
    topicMessages: [...byTopic].map(([topic, indices]) => ({
      topic,
      messages: indices.map((i) => toMessage(records[i] as BenchRecord)),
    })),
  });
  assignOffsets(records, byTopic, metadata, offsets);
}

export function assignOffsets(
  records: readonly BenchRecord[],
  byTopic: ReadonlyMap<string, number[]>,
  metadata: readonly RecordMetadata[],
  offsets: string[],
): void {
  const base = new Map(
    metadata.map((m) => [`${m.topicName}\u0000${m.partition}`, BigInt(m.baseOffset ?? "0")]),
  );
  for (const [topic, indices] of byTopic) {
    const seen = new Map<number, bigint>();
    for (const i of indices) {
      const partition = (records[i] as BenchRecord).partition;
      const position = seen.get(partition) ?? 0n;
      seen.set(partition, position + 1n);
      const first = base.get(`${topic}\u0000${partition}`);
      if (first === undefined) throw new Error(`no offset reported for ${topic}/${partition}`);
      offsets[i] = (first + position).toString();
    }
  }
}

/** How many records the topics hold now: the sum of end minus start offsets. */
export async function recordCount(admin: Admin, topics: string[]): Promise<number> {
  let total = 0;
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      total += Number(BigInt(p.high) - BigInt(p.low));
    }
  }
  return total;
}
