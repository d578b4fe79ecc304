import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Kafka } from "kafkajs";
import { type ConsumedRecord, toConsumedRecord } from "../record";
import { withTimeout } from "../timeout";

/**
 * Records, for tests, every record produced to some topics after it started, read by a
 * consumer group of its own that starts at the end of each topic as it was when started.
 */
export interface TopicRecorder {
  recordsOf(correlationId: string): ConsumedRecord[];
  /** Waits until `done` holds for the correlation id's records; fails naming what was seen. */
  waitFor(
    correlationId: string,
    expectation: string,
    done: (records: ConsumedRecord[]) => boolean,
    timeoutMs?: number,
  ): Promise<ConsumedRecord[]>;
  stop(): Promise<void>;
}

const JOIN_TIMEOUT_MS = 60_000;
const POLL_MS = 100;

export async function startTopicRecorder(
  kafka: Kafka,
  topics: readonly string[],
): Promise<TopicRecorder> {
  const groupId = `demo-shop-test-${randomUUID()}`;
  const startOffsets = await endOffsets(kafka, topics);
  const records: ConsumedRecord[] = [];
  // A short fetch wait, so that stop() does not sit out a long poll.
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics] });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        records.push(toConsumedRecord(topic, partition, message));
      },
    });
    // Seeks queued before the group has joined are applied before its first fetch.
    for (const position of startOffsets) consumer.seek(position);
    await withTimeout(joined, JOIN_TIMEOUT_MS, `test consumer group ${groupId} did not join`);
  } catch (error) {
    await consumer.disconnect();
    throw error;
  }

  const recordsOf = (correlationId: string) =>
    records.filter((record) => record.headers["correlation-id"] === correlationId);

  return {
    recordsOf,
    async waitFor(correlationId, expectation, done, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const seen = recordsOf(correlationId);
        if (done(seen)) return seen;
        await sleep(POLL_MS);
      }
      const seen = recordsOf(correlationId).map((r) => `${r.topic}[${r.headers["event-type"]}]`);
      throw new Error(
        `${correlationId}: ${expectation} did not happen within ${timeoutMs / 1000} s; ` +
          `records seen: ${seen.join(", ") || "none"}`,
      );
    },
    async stop() {
      await consumer.disconnect();
      const cleanup = kafka.admin();
      await cleanup.connect();
      try {
        await cleanup.deleteGroups([groupId]);
      } finally {
        await cleanup.disconnect();
      }
    },
  };
}

async function endOffsets(
  kafka: Kafka,
  topics: readonly string[],
): Promise<{ topic: string; partition: number; offset: string }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const perTopic = await Promise.all(
      topics.map(async (topic) =>
        (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
          topic,
          partition,
          offset: high,
        })),
      ),
    );
    return perTopic.flat();
  } finally {
    await admin.disconnect();
  }
}
