import { beforeAll, describe, expect, it } from "vitest";
import { SearchResponse } from "@/lib/chain/search";
import { apiFetch, eventually, produceInOrder, uniqueName } from "@/lib/testing/real-stack";

/** Search as a client sees it, over chains produced into the real Kafka. */
const topic = uniqueName("search");
const correlationId = uniqueName("order");
const other = uniqueName("order");
const retried = uniqueName("order");
const word = `zebra${topic.slice(-8)}`;

beforeAll(async () => {
  const envelope = (id: string, eventId: string, type: string, note: string) =>
    JSON.stringify({
      event_id: eventId,
      event_type: type,
      correlation_id: id,
      causation_id: null,
      occurred_at: new Date().toISOString(),
      service: "order-service",
      payload: { note, sku: `sku-${eventId}` },
    });
  // A retry copy keeps the original's occurred_at; its Kafka timestamp says when it was tried.
  const triedAt = Date.now();
  await produceInOrder(
    {
      topic,
      messages: [
        {
          key: `key-${correlationId}`,
          value: envelope(correlationId, `${correlationId}-e1`, "OrderPlaced", `gift ${word} wrap`),
        },
        { key: `key-${other}`, value: envelope(other, `${other}-e1`, "OrderPlaced", "plain") },
      ].map((m) => ({ ...m, partition: 0 })),
    },
    {
      topic,
      messages: [
        { value: envelope(retried, `${retried}-e1`, "OrderPlaced", "first"), partition: 0 },
      ],
    },
    {
      topic: `${topic}-retry`,
      messages: [
        {
          value: envelope(retried, `${retried}-e1`, "OrderPlaced", "first"),
          timestamp: String(triedAt + 2_500),
        },
      ],
    },
  );
  await eventually(
    "the chains indexed",
    async () =>
      (await search(other)).results.length === 1 &&
      (await search(retried)).results[0]?.eventCount === 2,
    45_000,
  );
});

async function search(q: string, extra = ""): Promise<SearchResponse> {
  const response = await apiFetch(`/api/search?q=${encodeURIComponent(q)}${extra}`);
  expect(response.status).toBe(200);
  return SearchResponse.parse(await response.json());
}

describe("GET /api/search", () => {
  it.each([
    ["correlation id", () => correlationId, "correlationId"],
    ["event id", () => `${correlationId}-e1`, "eventId"],
    ["message key", () => `key-${correlationId}`, "key"],
    ["payload text", () => word, "payload"],
    ["payload field value", () => `sku-${correlationId}-e1`, "payload"],
  ])("finds a chain by its %s, with a one-line summary", async (_label, q, matched) => {
    const answer = await search(q());
    expect(answer.results.map((r) => r.correlationId)).toEqual([correlationId]);
    expect(answer.results[0]?.matchedOn).toContain(matched);
    expect(answer.results[0]?.summary).toBe("OrderPlaced · 1 event · order-service");
  });

  it("counts a chain's duration up to its last retry, by the retry's Kafka timestamp", async () => {
    const answer = await search(retried);
    expect(answer.results[0]?.summary).toMatch(
      /^OrderPlaced · 2 events · order-service · over 2\.\d s$/,
    );
  });

  it("says how far behind the index is", async () => {
    const { freshness } = await search(correlationId);
    expect(freshness.indexedUpTo).not.toBeNull();
    expect(freshness.message).toMatch(/^indexed up to .+ ago$/);
  });

  it("keeps to the time range", async () => {
    const past = "&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z";
    expect((await search(correlationId, past)).results).toEqual([]);
  });

  it("treats query syntax as text to look for", async () => {
    for (const q of ["*", "correlationId:*", `${word} OR *`, '{"match_all":{}}']) {
      expect((await search(q)).results.map((r) => r.correlationId)).not.toContain(other);
    }
  });

  it.each([
    ["an empty query", ""],
    ["a bad time", "order&from=yesterday"],
  ])("answers 400 with an error for %s", async (_label, query) => {
    const response = await apiFetch(`/api/search?q=${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^Bad search/);
  });
});
