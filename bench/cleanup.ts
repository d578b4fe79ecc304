import type { Client } from "@elastic/elasticsearch";
import type { Admin } from "kafkajs";
import { errorMessage } from "@/lib/log";

export type RunResources = {
  topics: string[];
  groups: string[];
  indexPrefixes: string[];
};

/** Deletes what one bench run created, by exact name; reports (does not throw) what it could not. */
export async function deleteRunResources(
  admin: Admin,
  es: Client,
  resources: RunResources,
): Promise<void> {
  for (const prefix of resources.indexPrefixes) await deleteIndices(es, prefix);
  if (resources.groups.length > 0) {
    await attempt("consumer groups", () => admin.deleteGroups(resources.groups));
  }
  await attempt("topics", () => admin.deleteTopics({ topics: resources.topics }));
}

/** Removes a prefix's indices and index templates; the cluster may refuse wildcard deletes. */
export async function deleteIndices(es: Client, prefix: string): Promise<void> {
  await attempt(`indices ${prefix}-*`, async () => {
    const indices = await es.indices.get({
      index: `${prefix}-*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    const names = Object.keys(indices);
    if (names.length > 0) await es.indices.delete({ index: names });
  });
  for (const template of [`${prefix}-events`, `${prefix}-lag`]) {
    await attempt(`template ${template}`, () =>
      es.indices.deleteIndexTemplate({ name: template }, { ignore: [404] }),
    );
  }
}

async function attempt(what: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    process.stderr.write(`cleanup: could not delete ${what}: ${errorMessage(error)}\n`);
  }
}
