import { beforeAll, describe, expect, it } from "vitest";
import { SearchResponse } from "@/lib/chain/search";
import { apiFetch, eventually, produceInOrder, uniqueName } from "@/lib/testing/real-stack";

/** Search by the name of a topic, as pasted from a broker console, over real Kafka records. */
const orders = uniqueName("orders");
const deadLetters = `${uniqueName("payments")}.DLQ`;
const elsewhere = uniqueName("shipping");
const older = uniqueName("order");
const newer = uniqueName("order");
const unrelated = uniqueName("order");

const envelope = (correlationId: string, eventType: string, occurredAt: number) =>
  JSON.stringify({
    event_id: `${correlationId}-${eventType}`,
    event_type: eventType,
    correlation_id: correlationId,
    occurred_at: new Date(occurredAt).toISOString(),
    service: "order-service",
  });

beforeAll(async () => {
  const now = Date.now();
  const record = (correlationId: string, eventType: string, agoMs: number) => ({
    value: envelope(correlationId, eventType, now - agoMs),
    timestamp: String(now - agoMs),
    partition: 0,
  });
  await produceInOrder(
    {
      topic: orders,
      messages: [record(older, "OrderPlaced", 60_000), record(newer, "OrderPlaced", 30_000)],
    },
    { topic: elsewhere, messages: [record(unrelated, "OrderShipped", 0)] },
    { topic: deadLetters, messages: [record(newer, "PaymentRequested", 0)] },
  );
  await eventually(
    "the three chains indexed",
    async () =>
      (await search(orders)).results.length === 2 &&
      (await search(deadLetters)).results.length === 1 &&
      (await search(unrelated)).results.length === 1,
    45_000,
  );
});

async function search(q: string): Promise<SearchResponse> {
  const response = await apiFetch(`/api/search?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return SearchResponse.parse(await response.json());
}

describe("GET /api/search by topic name", () => {
  it("finds the chains that travel on a topic, most recent first, with their summaries", async () => {
    const { results } = await search(orders);
    expect(results.map((r) => r.correlationId)).toEqual([newer, older]);
    expect(results.every((r) => r.matchedOn.includes("topic"))).toBe(true);
    expect(results[1]?.summary).toBe("OrderPlaced · 1 event · order-service");
    expect(results[0]?.summary).toBe(
      "OrderPlaced · 2 events · order-service · 1 dead-lettered · over 30 s",
    );
  });

  it("finds the chains that reached a DLQ by the DLQ's name", async () => {
    const { results } = await search(deadLetters);
    expect(results.map((r) => [r.correlationId, r.matchedOn])).toEqual([[newer, ["topic"]]]);
  });

  it("takes the name in any case", async () => {
    const { results } = await search(deadLetters.toLowerCase());
    expect(results.map((r) => r.correlationId)).toEqual([newer]);
  });

  it("matches whole topic names only, and wildcards as plain text", async () => {
    for (const q of [orders.slice(0, -3), `${orders.slice(0, -3)}*`, "cwint-orders-*"]) {
      expect((await search(q)).results.map((r) => r.correlationId)).not.toContain(older);
    }
  });
});
