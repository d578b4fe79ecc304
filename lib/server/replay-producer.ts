import type { Admin, Producer, ProducerRecord, RecordMetadata } from "kafkajs";
import type { Config } from "../config/config";
import { createKafka } from "../kafka/client";

type Connection = {
  producer: Producer;
  admin: Admin;
  /** Topics this producer has sent to: kafkajs asks for all of their metadata on every send. */
  sentTo: Set<string>;
  sending: number;
  stale: boolean;
};

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
    return { producer, admin, sentTo: new Set<string>(), sending: 0, stale: false };
  })().catch((error: unknown) => {
    connecting = undefined;
    throw error;
  });
  return connecting;
}

async function retire(connection: Connection): Promise<void> {
  if (connection.sending > 0) return;
  await Promise.allSettled([connection.producer.disconnect(), connection.admin.disconnect()]);
}

/**
 * A kafkajs producer fails every send, to any topic, once one of the topics it has sent to is
 * deleted, since it keeps asking for their metadata. So before a send, a producer that knows a
 * deleted topic is replaced; it is disconnected once its sends in flight are done. The record
 * is sent once either way: resending after a failure could produce it twice.
 */
async function usable(config: Config): Promise<Connection> {
  const current = await connection(config);
  if (current.sentTo.size === 0) return current;
  const existing = new Set(await current.admin.listTopics());
  if ([...current.sentTo].every((topic) => existing.has(topic))) return current;
  if (connecting && (await connecting.catch(() => undefined)) === current) connecting = undefined;
  current.stale = true;
  await retire(current);
  return connection(config);
}

export function replayKafka(config: Config): ReplayKafka {
  return {
    topicExists: async (topic) => {
      const { admin } = await connection(config);
      return (await admin.listTopics()).includes(topic);
    },
    send: async (record) => {
      const current = await usable(config);
      current.sentTo.add(record.topic);
      current.sending += 1;
      try {
        return await current.producer.send(record);
      } finally {
        current.sending -= 1;
        if (current.stale) await retire(current);
      }
    },
  };
}

/** Disconnects the replay clients; the next replay connects again. */
export async function closeReplayKafka(): Promise<void> {
  const current = await connecting?.catch(() => undefined);
  connecting = undefined;
  if (current) {
    current.stale = true;
    await retire(current);
  }
}
