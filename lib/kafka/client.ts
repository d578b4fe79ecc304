import { Kafka, logLevel, type KafkaConfig } from "kafkajs";

/** One place that knows how Causeway talks to the broker; callers pass the result around. */
export function createKafka(brokers: string[], clientId: string): Kafka {
  const config: KafkaConfig = {
    clientId,
    brokers,
    logLevel: logLevel.ERROR,
    retry: { initialRetryTime: 300, retries: 8 },
  };
  return new Kafka(config);
}
