import type { Admin, Producer, ProducerRecord, RecordMetadata } from "kafkajs";
import type { Config } from "../config/config";
import { createKafka } from "../kafka/client";

type Connection = { producer: Producer; admin: Admin };

/** The app's replay producer and the admin client that checks target topics. */
export type ReplayKafka = {
  send: (record: ProducerRecord) => Promise<RecordMetadata[]>;
  topicExists: (topic: string) => Promise<boolean>;
};

let connecting: Promise<Connection> | undefined;

/**
 * The app's one producer for replays (idempotent, acks from all in-sync replicas) and an admin
 * client, connected on first use and kept for the process.
 */
function connection(config: Config): Promise<Connection> {
  connecting ??= (async () => {
    const kafka = createKafka(config.kafkaBrokers, "causeway-replay");
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    const admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    return { producer, admin };
  })().catch((error: unknown) => {
    connecting = undefined;
    throw error;
  });
  return connecting;
}

async function reconnect(config: Config, stale: Connection): Promise<Connection> {
  if (connecting && (await connecting.catch(() => undefined)) === stale) connecting = undefined;
  await Promise.allSettled([stale.producer.disconnect(), stale.admin.disconnect()]);
  return connection(config);
}

/** Whether kafkajs failed because the broker knows no such topic, at any depth of its causes. */
function isUnknownTopic(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if ((e as { type?: unknown }).type === "UNKNOWN_TOPIC_OR_PARTITION") return true;
    const { cause, originalError } = e as { cause?: unknown; originalError?: unknown };
    e = originalError ?? cause;
  }
  return false;
}

export function replayKafka(config: Config): ReplayKafka {
  return {
    topicExists: async (topic) => {
      const { admin } = await connection(config);
      return (await admin.listTopics()).includes(topic);
    },
    send: async (record) => {
      const current = await connection(config);
      try {
        return await current.producer.send(record);
      } catch (error) {
        // A kafkajs producer asks for the metadata of every topic it ever produced to, and fails
        // them all once one of those is deleted. Only a new producer forgets the deleted topic;
        // nothing was produced, since the metadata request failed before any produce request.
        if (!isUnknownTopic(error)) throw error;
        const fresh = await reconnect(config, current);
        return fresh.producer.send(record);
      }
    },
  };
}
