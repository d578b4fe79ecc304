import {
  ELASTICSEARCH_PORT,
  elasticsearchPid,
  startElasticsearch,
  stopElasticsearch,
} from "./elasticsearch";
import { StackError } from "./errors";
import { KAFKA_PORT, kafkaPid, startKafka, stopKafka } from "./kafka";
import {
  localSchemaRegistryUrl,
  schemaRegistryPid,
  startSchemaRegistry,
  stopSchemaRegistry,
} from "./registry";

export type StackEndpoints = {
  kafkaBrokers: string;
  elasticsearchUrl: string;
  /** Confluent-compatible API base; null when the stack is external and names no registry. */
  schemaRegistryUrl: string | null;
  /** False when the endpoints came from the environment and nothing was started. */
  local: boolean;
};

/** External endpoints win: with both variables set, nothing is started. */
export function externalEndpoints(env = process.env): StackEndpoints | null {
  const kafkaBrokers = env.KAFKA_BROKERS;
  const elasticsearchUrl = env.ELASTICSEARCH_URL;
  const schemaRegistryUrl = env.SCHEMA_REGISTRY_URL || null;
  if (kafkaBrokers && elasticsearchUrl) {
    return { kafkaBrokers, elasticsearchUrl, schemaRegistryUrl, local: false };
  }
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
  schemaRegistryUrl: localSchemaRegistryUrl,
  local: true,
};

type Server = {
  name: string;
  where: string;
  start: () => Promise<"started" | "running">;
  stop: () => Promise<boolean>;
  pid: () => number | null;
};

const kafka: Server = {
  name: "Kafka",
  where: localEndpoints.kafkaBrokers,
  start: () => startKafka(),
  stop: () => stopKafka(),
  pid: () => kafkaPid(),
};
const elasticsearch: Server = {
  name: "Elasticsearch",
  where: localEndpoints.elasticsearchUrl,
  start: startElasticsearch,
  stop: stopElasticsearch,
  pid: elasticsearchPid,
};
const schemaRegistry: Server = {
  name: "The schema registry",
  where: localSchemaRegistryUrl,
  start: startSchemaRegistry,
  stop: stopSchemaRegistry,
  pid: schemaRegistryPid,
};

/** The servers this checkout runs: a registry of the user's own (SCHEMA_REGISTRY_URL) replaces ours. */
function localServers(env = process.env): Server[] {
  return env.SCHEMA_REGISTRY_URL ? [kafka, elasticsearch] : [kafka, elasticsearch, schemaRegistry];
}

/** Brings the stack up (all servers concurrently) or finds it running; idempotent. */
export async function stackUp(
  report: (line: string) => void,
): Promise<StackEndpoints & { started: string[] }> {
  const external = externalEndpoints();
  if (external) {
    const registry = external.schemaRegistryUrl
      ? ` and the schema registry at ${external.schemaRegistryUrl}`
      : " (no SCHEMA_REGISTRY_URL: registry-encoded records are kept undecoded)";
    report(
      `Using Kafka at ${external.kafkaBrokers} and Elasticsearch at ${external.elasticsearchUrl}${registry}; starting nothing.`,
    );
    return { ...external, started: [] };
  }
  const servers = localServers();
  const results = await Promise.allSettled(servers.map((server) => server.start()));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) {
    await Promise.allSettled(
      servers.map((server, i) => {
        const result = results[i];
        return result?.status === "fulfilled" && result.value === "started" ? server.stop() : null;
      }),
    );
    throw failure.reason;
  }
  const started: string[] = [];
  servers.forEach((server, i) => {
    const result = results[i];
    const state = result?.status === "fulfilled" ? result.value : "failed";
    const name = `${server.name} on ${server.where}`;
    report(`${name}: ${state === "started" ? "started" : "already running"}.`);
    if (state === "started") started.push(name);
  });
  const schemaRegistryUrl = process.env.SCHEMA_REGISTRY_URL || localSchemaRegistryUrl;
  return { ...localEndpoints, schemaRegistryUrl, started };
}

export async function stackDown(report: (line: string) => void): Promise<void> {
  const servers = [kafka, elasticsearch, schemaRegistry];
  const stopped = await Promise.all(servers.map((server) => server.stop()));
  servers.forEach((server, i) => {
    report(stopped[i] ? `${server.name} stopped.` : `${server.name} was not running.`);
  });
}

export function stackStatus(): { name: string; where: string; pid: number | null }[] {
  return [kafka, elasticsearch, schemaRegistry].map(({ name, where, pid }) => ({
    name,
    where,
    pid: pid(),
  }));
}
