import type { Consumer, Kafka } from "kafkajs";
import { createKafka } from "../lib/kafka/client";
import { deadLetterHeaders, originOf, type RecordOrigin } from "./dead-letter";
import { asConsumerFailure } from "./failures";
import { describeError, type Log } from "./log";
import { Outbox } from "./outbox";
import { type ConsumedRecord, toConsumedRecord } from "./record";
import type { ShopStats } from "./stats";
import { withTimeout } from "./timeout";

/** One consumer group of a service: what it reads, how it handles a record, where failures go. */
export interface Listener {
  groupId: string;
  topic: string;
  deadLetterTopic: string;
  /** The Java frame naming this listener in dead-letter stack traces. */
  listenerFrame: string;
  /** Where a failed record first came from; by default the record itself and this group. */
  origin?: (record: ConsumedRecord) => RecordOrigin;
  handle(record: ConsumedRecord): Promise<void>;
}

export interface ServiceDefinition {
  name: string;
  /** Called once per start, so any state a listener keeps belongs to that run. */
  listeners(outbox: Outbox, stats: ShopStats): Listener[];
}

export interface ShopRuntime {
  brokers: string[];
  log: Log;
  stats: ShopStats;
}

export interface RunningService {
  name: string;
  outbox: Outbox;
  /** Stops fetching without leaving the group, as a consumer stuck on slow work would. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

// A rebalance waits for members of a crashed process to time out (30 s session timeout).
const JOIN_TIMEOUT_MS = 60_000;

/** Starts a service with its own client and producer; resolves once every group has joined. */
export async function startService(
  definition: ServiceDefinition,
  runtime: ShopRuntime,
): Promise<RunningService> {
  const kafka = createKafka(runtime.brokers, definition.name);
  const producer = kafka.producer();
  await producer.connect();
  const outbox = new Outbox(producer, definition.name, runtime.stats);
  const consumers: Consumer[] = [];
  const listeners = definition.listeners(outbox, runtime.stats);
  const stop = async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await producer.disconnect();
  };
  try {
    for (const listener of listeners) {
      consumers.push(await startListener(kafka, listener, outbox, runtime));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const topics = listeners.map((listener) => ({ topic: listener.topic }));
  return {
    name: definition.name,
    outbox,
    pause: () => consumers.forEach((consumer) => consumer.pause(topics)),
    resume: () => consumers.forEach((consumer) => consumer.resume(topics)),
    stop,
  };
}

async function startListener(
  kafka: Kafka,
  listener: Listener,
  outbox: Outbox,
  runtime: ShopRuntime,
): Promise<Consumer> {
  // A short long-poll bounds how long stop() waits for an idle fetch to return.
  const consumer = kafka.consumer({ groupId: listener.groupId, maxWaitTimeInMs: 1_000 });
  const joined = new Promise<void>((resolve) => {
    const removeListener = consumer.on(consumer.events.GROUP_JOIN, () => {
      removeListener();
      resolve();
    });
  });
  try {
    await consumer.connect();
    // A group that has never committed starts at the beginning, so that a record produced
    // while its partitions are still being assigned is not skipped.
    await consumer.subscribe({ topic: listener.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ topic, partition, message }) =>
        deliver(listener, toConsumedRecord(topic, partition, message), outbox, runtime),
    });
    await withTimeout(
      joined,
      JOIN_TIMEOUT_MS,
      `consumer group ${listener.groupId} did not join within ${JOIN_TIMEOUT_MS / 1000} s`,
    );
    return consumer;
  } catch (error) {
    await consumer.disconnect();
    throw error;
  }
}

/**
 * Bad input never stops a consumer: whatever the handler throws, the record goes to the
 * dead-letter topic. Only a failure to write there propagates, so kafkajs retries the record.
 */
async function deliver(
  listener: Listener,
  record: ConsumedRecord,
  outbox: Outbox,
  runtime: ShopRuntime,
): Promise<void> {
  try {
    await listener.handle(record);
  } catch (error) {
    const { failure, expected } = asConsumerFailure(error);
    if (!expected) {
      runtime.log("warn", "handler failed unexpectedly; dead-lettering the record", {
        correlationId: record.headers["correlation-id"],
        consumerGroup: listener.groupId,
        error: describeError(error),
      });
    }
    const origin = listener.origin?.(record) ?? originOf(record, listener.groupId);
    await outbox.send(listener.deadLetterTopic, {
      key: record.key,
      value: record.value,
      headers: { ...record.headers, ...deadLetterHeaders(origin, failure, listener.listenerFrame) },
    });
    runtime.stats.deadLettered(listener.deadLetterTopic);
  }
}
