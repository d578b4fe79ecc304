import type { Client } from "@elastic/elasticsearch";
import type { Kafka } from "kafkajs";
import type { Config } from "../config/config";
import { eventsAlias } from "../elastic/indices";
import { shapesIndex } from "../elastic/shapes";
import { committedOffsetsReader } from "../kafka/committed-offsets";
import { createTopicsWithLeaders } from "../kafka/topics";
import type { ServerContext } from "../server/context";
import { testConfig, uniqueName } from "./real-stack";

/**
 * Set-up and read-back of the contract tests: a topic its consumer groups have committed on, the
 * shapes the collector stored, and the contracts' sources as the app holds them.
 */

/** The config of a contract test's collector and app reads: `topic` alone, prefix and group its own. */
export function contractTestConfig(topic: string, overrides: Record<string, string> = {}): Config {
  return testConfig({
    CAUSEWAY_INDEX_PREFIX: uniqueName("idx"),
    CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
    CAUSEWAY_TOPICS: `^${topic}$`,
    CAUSEWAY_TOPIC_REFRESH_MS: "1000",
    // Other Causeway collectors on the shared broker read every topic too; they are no consumers.
    CAUSEWAY_DELIVERY_IGNORE_GROUPS: "^(cw|causeway)",
    ...overrides,
  });
}

/** Creates `topic` with one partition, and commits offset 1 on it for each of `groups`. */
export async function createConsumedTopic(
  kafka: Kafka,
  topic: string,
  groups: readonly string[],
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsWithLeaders(admin, [{ topic, numPartitions: 1 }]);
    for (const groupId of groups) {
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "1" }] });
    }
  } finally {
    await admin.disconnect();
  }
}

/** Whether the collector has stored exactly `count` shapes under `prefix`. */
export async function shapesStored(es: Client, prefix: string, count: number): Promise<boolean> {
  const stored = await es.count({ index: shapesIndex(prefix) }).catch(() => null);
  return stored !== null && stored.count === count;
}

export type ContractDeps = Pick<ServerContext, "config" | "es" | "offsets">;

/**
 * Runs `read` with what the app reads contracts from, once the indexed events are searchable;
 * committed offsets are read afresh on each call, not cached.
 */
export async function withContractDeps<T>(
  { config, es, kafka }: { config: Config; es: Client; kafka: Kafka },
  read: (deps: ContractDeps) => Promise<T>,
): Promise<T> {
  await es.indices.refresh({ index: eventsAlias(config.indexPrefix) });
  const offsets = committedOffsetsReader(kafka, {
    excludeGroups: [config.collectorGroup],
    ignorePattern: config.deliveryIgnoreGroups,
    cacheMs: 0,
  });
  try {
    return await read({ config, es, offsets });
  } finally {
    await offsets.close();
  }
}
