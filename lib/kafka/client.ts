import { Kafka, logLevel, type KafkaConfig, type logCreator } from "kafkajs";

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
    logCreator: collapsingLogCreator(),
    retry: { initialRetryTime: 300, retries },
  };
  return new Kafka(config);
}

const REPEAT_WINDOW_MS = 60_000;

/**
 * kafkajs logs every failed connection attempt, so a broker restart would print a line per retry.
 * Its lines are written as our JSON log lines, and a message already written in the last minute
 * is dropped.
 */
export function collapsingLogCreator(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  now: () => number = Date.now,
): logCreator {
  return () => {
    const lastWritten = new Map<string, number>();
    return ({ namespace, label, log }) => {
      const key = `${namespace}\u0000${log.message}`;
      const at = now();
      const previous = lastWritten.get(key);
      if (previous !== undefined && at - previous < REPEAT_WINDOW_MS) return;
      lastWritten.set(key, at);
      write(
        JSON.stringify({
          time: new Date(at).toISOString(),
          level: label.toLowerCase(),
          component: "kafkajs",
          message: `[${namespace}] ${log.message}`,
          ...(typeof log.broker === "string" ? { broker: log.broker } : {}),
          ...(typeof log.error === "string" ? { error: log.error } : {}),
        }),
      );
    };
  };
}
