import { afterAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { createIndexWhenMissing, IndexNotReady } from "@/lib/elastic/create-index";
import { unavailability } from "@/lib/elastic/unavailable";
import { testConfig, uniqueName } from "@/lib/testing/real-stack";

/** Indices Causeway makes itself, on the real Elasticsearch: usable once made, or a clear wait. */
const es = createElasticsearch(testConfig({}).elasticsearchUrl);
const prefix = uniqueName("create-index");
const definition = (index: string) => ({
  index,
  settings: { number_of_shards: 1, number_of_replicas: 0 },
  mappings: { dynamic: "strict" as const, properties: { name: { type: "keyword" as const } } },
});
/** Keeps an index's shard off every node, as when the node holding it has not recovered it yet. */
const nowhere = { "index.routing.allocation.require._name": "no-such-node" };

afterAll(async () => {
  await es.indices.delete({ index: `${prefix}-*`, allow_no_indices: true });
  await es.close();
});

describe("createIndexWhenMissing", () => {
  it("makes an index that answers reads and writes at once", async () => {
    const index = `${prefix}-fresh`;
    await createIndexWhenMissing(es, definition(index));

    await es.index({ index, id: "a", document: { name: "first" }, refresh: "wait_for" });
    const found = await es.search({ index, query: { term: { name: "first" } } });
    expect(found.hits.hits.map((hit) => hit._id)).toEqual(["a"]);
  });

  it("leaves an index that is there as it is", async () => {
    const index = `${prefix}-kept`;
    await createIndexWhenMissing(es, definition(index));
    await es.index({ index, id: "a", document: { name: "kept" }, refresh: "wait_for" });

    await createIndexWhenMissing(es, definition(index));
    expect((await es.count({ index })).count).toBe(1);
  });

  it("refuses with IndexNotReady while the index's shard is not allocated", async () => {
    const index = `${prefix}-stuck`;
    await es.indices.create({ index, settings: nowhere, wait_for_active_shards: 0 });

    const waited = createIndexWhenMissing(es, definition(index), "1s");
    await expect(waited).rejects.toBeInstanceOf(IndexNotReady);
    await expect(waited).rejects.toThrow(`Index ${index} is not ready`);
  });

  it("answers once the shard is allocated, and the index is usable straight away", async () => {
    const index = `${prefix}-late`;
    await es.indices.create({ index, settings: nowhere, wait_for_active_shards: 0 });
    const searchFailure = await es.search({ index }).catch((error: unknown) => error);
    expect(unavailability(searchFailure)?.retryAfterSeconds).toBeGreaterThan(0);

    const ready = createIndexWhenMissing(es, definition(index), "30s");
    await es.indices.putSettings({
      index,
      settings: { "index.routing.allocation.require._name": null },
    });
    await ready;
    expect((await es.search({ index })).hits.hits).toEqual([]);
  });
});
