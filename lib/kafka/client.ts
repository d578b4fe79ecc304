import { Kafka, logLevel, type KafkaConfig } from "kafkajs";

/** One place that knows how Causeway talks to the broker; callers pass the result around. */
export function createKafka(
  brokers: string[],
  clientId: string,
  { retries = 8 }: { retries?: number } = {},
): Kafka {
  const config: KafkaConfig = {
    clientId,
    brokers,
    logLevel: logLevel.ERROR,
    retry: { initialRetryTime: 300, retries },
  };
  return new Kafka(config);
}
