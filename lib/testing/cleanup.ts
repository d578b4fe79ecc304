import type { Client } from "@elastic/elasticsearch";
import type { Kafka } from "kafkajs";

/**
 * What an integration test leaves on the shared stack, removed in its `afterAll`: the indices and
 * index templates under its prefix, and its topics and consumer groups.
 */

/**
 * Deletes every index (`<prefix>-*`) and index template of a test's prefix. The indices are
 * listed and deleted by name: a cluster with action.destructive_requires_name refuses wildcards.
 */
export async function deleteTestIndices(es: Client, prefix: string): Promise<void> {
  const indices = await es.indices.get({
    index: `${prefix}-*`,
    expand_wildcards: "all",
    ignore_unavailable: true,
    allow_no_indices: true,
  });
  const names = Object.keys(indices);
  if (names.length > 0) await es.indices.delete({ index: names });
  await es.indices.deleteIndexTemplate({ name: `${prefix}-*` }, { ignore: [404] });
}

export type TestTopics = {
  /** The topics by name, or every topic whose name starts with `<family>-`. */
  topics: string[] | { family: string };
  /** Consumer groups the test made; a group that is gone already is no failure. */
  groups?: string[];
};

export async function deleteTestTopics(
  kafka: Kafka,
  { topics, groups = [] }: TestTopics,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    const names = Array.isArray(topics)
      ? topics
      : (await admin.listTopics()).filter((topic) => topic.startsWith(`${topics.family}-`));
    // The default 5 s is often too short on a shared broker under load.
    if (names.length > 0) await admin.deleteTopics({ topics: names, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}
