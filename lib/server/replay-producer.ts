import type { Admin, Producer } from "kafkajs";
import type { Config } from "../config/config";
import { createKafka } from "../kafka/client";

export type ReplayKafka = { producer: Producer; admin: Admin };

let connecting: Promise<ReplayKafka> | undefined;

/**
 * The app's one producer for replays (idempotent, acks from all in-sync replicas) and an admin
 * client to check target topics, connected on first use and kept for the process.
 */
export function replayKafka(config: Config): Promise<ReplayKafka> {
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
