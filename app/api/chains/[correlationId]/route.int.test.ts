import { describe, expect, it } from "vitest";
import { Chain } from "@/lib/chain/chain";
import { apiFetch, eventually, produceInOrder, uniqueName } from "@/lib/testing/real-stack";

/**
 * The chain API as a client sees it: records produced into the real Kafka, indexed by the
 * collector that `npm test` runs, read back over HTTP from the production build of the app.
 */

function envelope(
  eventId: string,
  eventType: string,
  correlationId: string,
  causationId: string | null,
) {
  return JSON.stringify({
    event_id: eventId,
    event_type: eventType,
    correlation_id: correlationId,
    causation_id: causationId,
    occurred_at: new Date().toISOString(),
    schema_version: "1",
    payload: { step: eventType },
  });
}

async function getChain(correlationId: string): Promise<Response> {
  return apiFetch(`/api/chains/${encodeURIComponent(correlationId)}`);
}

describe("GET /api/chains/{correlationId}", () => {
  it("returns the events, causation edges, roots and anomalies of a produced chain", async () => {
    const topic = uniqueName("api");
    const correlationId = uniqueName("order");
    await produceInOrder(
      {
        topic,
        messages: [
          { key: "o", value: envelope("a", "OrderPlaced", correlationId, null) },
          { key: "o", value: envelope("b", "PaymentRequested", correlationId, "a") },
          { key: "o", value: envelope("b", "PaymentRequested", correlationId, "a") },
          { key: "o", value: envelope("c", "ShipmentScheduled", correlationId, "never-seen") },
        ].map((m) => ({ ...m, partition: 0 })),
      },
      {
        topic: `${topic}.DLQ`,
        messages: [
          { key: "o", value: envelope("d", "PaymentFailed", correlationId, "b"), partition: 0 },
        ],
      },
    );

    const chain = await eventually(
      "five indexed events",
      async () => {
        const response = await getChain(correlationId);
        if (!response.ok) return null;
        const body = Chain.parse(await response.json());
        return body.events.length === 5 ? body : null;
      },
      45_000,
    );

    const id = (t: string, offset: number) => `${t}:0:${offset}`;
    expect(chain.correlationId).toBe(correlationId);
    expect(new Set(chain.edges.map((e) => `${e.from}>${e.to}`))).toEqual(
      new Set([
        `${id(topic, 0)}>${id(topic, 1)}`,
        `${id(topic, 0)}>${id(topic, 2)}`,
        `${id(topic, 1)}>${id(`${topic}.DLQ`, 0)}`,
      ]),
    );
    expect(new Set(chain.roots)).toEqual(new Set([id(topic, 0), id(topic, 3)]));
    const kinds = (kind: string) => chain.anomalies.filter((a) => a.kind === kind);
    expect(kinds("orphan").flatMap((a) => a.eventIds)).toEqual([id(topic, 3)]);
    expect(
      kinds("duplicate")
        .flatMap((a) => a.eventIds)
        .sort(),
    ).toEqual([id(topic, 1), id(topic, 2)]);
    expect(kinds("dlq").flatMap((a) => a.eventIds)).toEqual([id(`${topic}.DLQ`, 0)]);
    const dlqEvent = chain.events.find((e) => e.topic === `${topic}.DLQ`);
    expect(dlqEvent?.dlq).not.toBeNull();
    expect(chain.events[0]).toMatchObject({
      eventId: "a",
      eventType: "OrderPlaced",
      causationId: null,
      topic,
      partition: 0,
      offset: "0",
      key: "o",
      envelope: "seed-json",
    });
    // Headers, payload and raw value come one event at a time from /api/events/{id}.
    for (const event of chain.events) {
      for (const field of ["headers", "payload", "raw"]) expect(event).not.toHaveProperty(field);
    }
    const detail = await apiFetch(`/api/events/${encodeURIComponent(id(topic, 0))}`);
    expect(((await detail.json()) as { payload: unknown }).payload).toEqual({
      step: "OrderPlaced",
    });
  });

  it("says causation is unknown for records without causation ids or spans", async () => {
    const topic = uniqueName("api-unknown");
    const correlationId = uniqueName("order");
    await produceInOrder({
      topic,
      messages: [
        { key: "o", value: envelope("a", "OrderPlaced", correlationId, null), partition: 0 },
        { key: "o", value: envelope("b", "OrderPaid", correlationId, null), partition: 0 },
      ],
    });
    const chain = await eventually("two indexed events", async () => {
      const response = await getChain(correlationId);
      if (!response.ok) return null;
      const body = Chain.parse(await response.json());
      return body.events.length === 2 ? body : null;
    });
    expect(chain.roots).toHaveLength(2);
    expect(chain.causation).toEqual({
      spans: 0,
      spanEdges: 0,
      unknown: "causation unknown: no causation ids and no spans for this trace",
    });
  });

  it("answers 404 with an error for an id nothing carries", async () => {
    const response = await getChain(uniqueName("nobody"));
    expect(response.status).toBe(404);
    expect((await response.json()) as unknown).toEqual({
      error: expect.stringContaining("No events"),
    });
  });

  it("treats query syntax as a literal id, never as a query", async () => {
    for (const id of ["*", "correlationId:*", "order-*", '{"match_all":{}}']) {
      expect((await getChain(id)).status).toBe(404);
    }
  });

  it.each([
    ["whitespace", "order 1"],
    ["a control character", "order\u0007"],
    ["over 256 characters", "x".repeat(257)],
  ])("answers 400 with an error for an id with %s", async (_label, id) => {
    const response = await getChain(id);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(/Malformed correlation id/);
  });
});
