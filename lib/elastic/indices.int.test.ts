import { afterAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { testConfig, uniqueName } from "@/lib/testing/real-stack";

const config = testConfig({});
const es = createElasticsearch(config.elasticsearchUrl);
const prefix = uniqueName("upgrade");

afterAll(async () => {
  await es.indices.delete({ index: `${prefix}-events-*`, allow_no_indices: true });
  await es.indices.deleteIndexTemplate({ name: `${prefix}-events` }).catch(() => undefined);
  await es.close();
});

describe("ensureEventsTemplate", () => {
  it("adds the fields of this version to an events index an older version made", async () => {
    const index = `${prefix}-events-2026.01.01`;
    await es.indices.create({
      index,
      mappings: { dynamic: false, properties: { id: { type: "keyword" } } },
    });

    await ensureEventsTemplate(es, prefix);

    const mapping = await es.indices.getMapping({ index });
    const properties = Object.keys(mapping[index]?.mappings.properties ?? {});
    expect(properties).toEqual(
      expect.arrayContaining(["id", "attempt", "dlqGroup", "correlationId"]),
    );
  });

  it("changes nothing when no events index exists yet", async () => {
    const fresh = uniqueName("upgrade-none");
    await ensureEventsTemplate(es, fresh);
    const found = await es.indices.get({ index: `${fresh}-events-*`, allow_no_indices: true });
    expect(Object.keys(found)).toEqual([]);
    await es.indices.deleteIndexTemplate({ name: `${fresh}-events` });
  });
});
