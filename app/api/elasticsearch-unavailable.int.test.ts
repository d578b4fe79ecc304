import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { freePort, startApp, type AppServer } from "@/lib/testing/app-server";
import { testConfig, uniqueName } from "@/lib/testing/real-stack";

/**
 * The API while Elasticsearch cannot serve: a second app on indices whose shards are not
 * allocated (as right after a node restart, before it has recovered them), and one whose
 * Elasticsearch is not there at all. Both answer 503 with Retry-After, never 500.
 */
const es = createElasticsearch(testConfig({}).elasticsearchUrl);
const prefix = uniqueName("unready");
const nowhere = { "index.routing.allocation.require._name": "no-such-node" };
let unready: AppServer;
let unreachable: AppServer;

beforeAll(async () => {
  for (const index of [`${prefix}-audit`, `${prefix}-triage`]) {
    await es.indices.create({ index, settings: nowhere, wait_for_active_shards: 0 });
  }
  await es.indices.create({
    index: `${prefix}-events-2026.01.01`,
    settings: nowhere,
    aliases: { [`${prefix}-events`]: {} },
    wait_for_active_shards: 0,
  });
  [unready, unreachable] = await Promise.all([
    startApp({ CAUSEWAY_INDEX_PREFIX: prefix }),
    startApp({ ELASTICSEARCH_URL: `http://127.0.0.1:${await freePort()}` }),
  ]);
});

afterAll(async () => {
  await Promise.all([unready?.stop(), unreachable?.stop()]);
  await es.indices.delete({ index: `${prefix}-*`, allow_no_indices: true });
  await es.close();
});

async function get(app: AppServer, path: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${app.port}${path}`, {
    headers: { authorization: `Bearer ${process.env.CAUSEWAY_TEST_TOKEN_VIEWER}` },
  });
}

async function expectUnavailable(response: Response, error: RegExp): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(((await response.json()) as { error: string }).error).toMatch(error);
}

describe("the API on indices whose shards are not allocated", () => {
  it("answers the audit log 503 once its index has not become ready", async () => {
    await expectUnavailable(
      await get(unready, "/api/audit"),
      new RegExp(`^Index ${prefix}-(audit|triage) is not ready`),
    );
  });

  it.each([
    ["the chain page's DLQ panel", "/api/dlq/chains/order-1"],
    ["a chain", "/api/chains/order-1"],
    ["search", "/api/search?q=order-1"],
    ["the DLQ board", "/api/dlq"],
  ])("answers %s 503 with Retry-After", async (_label, path) => {
    await expectUnavailable(await get(unready, path), /not (allocated|ready)/);
  });
});

describe("the API without Elasticsearch", () => {
  it.each([
    ["search", "/api/search?q=order-1"],
    ["a chain", "/api/chains/order-1"],
    ["the audit log", "/api/audit"],
  ])("answers %s 503 with Retry-After", async (_label, path) => {
    await expectUnavailable(
      await get(unreachable, path),
      /^Elasticsearch is not reachable; try again shortly\.$/,
    );
  });
});
