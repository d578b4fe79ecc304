import { errors, type Client, type estypes } from "@elastic/elasticsearch";

/**
 * Creating an index is not the same as being able to use it: until its primary shard is
 * allocated (just after creation, or while a restarted node recovers it) reads fail with
 * `no_shard_available_action_exception`. Every index Causeway makes itself goes through here.
 */
export class IndexNotReady extends Error {
  constructor(
    readonly index: string,
    waited: string,
  ) {
    super(`Index ${index} is not ready: its shard was not allocated within ${waited}.`);
    this.name = "IndexNotReady";
  }
}

export type IndexDefinition = Pick<estypes.IndicesCreateRequest, "index" | "settings" | "mappings">;

/**
 * Creates the index unless it exists, then waits until it can be read and written. Several
 * processes may race to create it; the losers find it made and wait the same way.
 */
export async function createIndexWhenMissing(
  es: Client,
  definition: IndexDefinition,
  timeout = "30s",
): Promise<void> {
  if (!(await es.indices.exists({ index: definition.index }))) {
    try {
      await es.indices.create(definition);
    } catch (error) {
      const alreadyThere =
        error instanceof errors.ResponseError &&
        error.body?.error?.type === "resource_already_exists_exception";
      if (!alreadyThere) throw error;
    }
  }
  await waitUntilUsable(es, definition.index, timeout);
}

/**
 * Waits for the index's primary shard (yellow: our indices have no replicas to wait for). Yellow
 * alone was seen to answer before the node had applied the started shard, so a search right after
 * still failed with no_shard_available; waiting for the pending cluster-state tasks closes that.
 */
export async function waitUntilUsable(es: Client, index: string, timeout: string): Promise<void> {
  // Elasticsearch answers 408 with the health body when the wait runs out.
  const health = await es.cluster.health(
    {
      index,
      wait_for_status: "yellow",
      wait_for_no_initializing_shards: true,
      wait_for_events: "languid",
      timeout,
    },
    { ignore: [408] },
  );
  if (health.timed_out) throw new IndexNotReady(index, timeout);
}
