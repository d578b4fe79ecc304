import {
  ELASTICSEARCH_PORT,
  elasticsearchPid,
  startElasticsearch,
  stopElasticsearch,
} from "./elasticsearch";
import { StackError } from "./errors";
import { KAFKA_PORT, kafkaPid, startKafka, stopKafka } from "./kafka";

export type StackEndpoints = {
  kafkaBrokers: string;
  elasticsearchUrl: string;
  /** False when the endpoints came from the environment and nothing was started. */
  local: boolean;
};

/** External endpoints win: with both variables set, nothing is started. */
export function externalEndpoints(env = process.env): StackEndpoints | null {
  const kafkaBrokers = env.KAFKA_BROKERS;
  const elasticsearchUrl = env.ELASTICSEARCH_URL;
  if (kafkaBrokers && elasticsearchUrl) return { kafkaBrokers, elasticsearchUrl, local: false };
  if (kafkaBrokers || elasticsearchUrl) {
    throw new StackError(
      "Only one of KAFKA_BROKERS and ELASTICSEARCH_URL is set: set both to use your own Kafka and Elasticsearch, or neither to run the local stack.",
    );
  }
  return null;
}

export const localEndpoints: StackEndpoints = {
  kafkaBrokers: `127.0.0.1:${KAFKA_PORT}`,
  elasticsearchUrl: `http://127.0.0.1:${ELASTICSEARCH_PORT}`,
  local: true,
};

/** Brings the stack up (both servers concurrently) or finds it running; idempotent. */
export async function stackUp(
  report: (line: string) => void,
): Promise<StackEndpoints & { started: string[] }> {
  const external = externalEndpoints();
  if (external) {
    report(
      `Using Kafka at ${external.kafkaBrokers} and Elasticsearch at ${external.elasticsearchUrl}; starting nothing.`,
    );
    return { ...external, started: [] };
  }
  const [kafka, elasticsearch] = await Promise.allSettled([startKafka(), startElasticsearch()]);
  const failures = [kafka, elasticsearch].filter((r) => r.status === "rejected");
  if (failures.length > 0) {
    await Promise.allSettled([
      kafka.status === "fulfilled" && kafka.value === "started" ? stopKafka() : null,
      elasticsearch.status === "fulfilled" && elasticsearch.value === "started"
        ? stopElasticsearch()
        : null,
    ]);
    throw failures[0]?.status === "rejected"
      ? failures[0].reason
      : new StackError("The stack failed to start.");
  }
  const started: string[] = [];
  for (const [name, result] of [
    [`Kafka on ${localEndpoints.kafkaBrokers}`, kafka],
    [`Elasticsearch on ${localEndpoints.elasticsearchUrl}`, elasticsearch],
  ] as const) {
    const state = result.status === "fulfilled" ? result.value : "failed";
    report(`${name}: ${state === "started" ? "started" : "already running"}.`);
    if (state === "started") started.push(name);
  }
  return { ...localEndpoints, started };
}

export async function stackDown(report: (line: string) => void): Promise<void> {
  const [kafka, elasticsearch] = await Promise.all([stopKafka(), stopElasticsearch()]);
  report(kafka ? "Kafka stopped." : "Kafka was not running.");
  report(elasticsearch ? "Elasticsearch stopped." : "Elasticsearch was not running.");
}

export function stackStatus(): { kafka: number | null; elasticsearch: number | null } {
  return { kafka: kafkaPid(), elasticsearch: elasticsearchPid() };
}
