import { describe, expect, it } from "vitest";
import { computeFlowStats, percentile } from "./flows";
import { at, makeEvent } from "./__fixtures__/events";

const window = { start: at(-3600), end: at(3600), computedAt: at(3600), truncated: false };

function order(id: string, payAfterSeconds: number | null, failed = false) {
  const placed = makeEvent({
    correlationId: id,
    eventId: `${id}-placed`,
    eventType: "OrderPlaced",
    occurredAt: at(0),
  });
  if (payAfterSeconds === null) return [placed];
  const paid = makeEvent({
    topic: "payments",
    correlationId: id,
    eventId: `${id}-paid`,
    eventType: "PaymentProcessed",
    causationId: `${id}-placed`,
    occurredAt: at(payAfterSeconds),
  });
  const retried = makeEvent({ ...paid, topic: "payments-retry", occurredAt: paid.occurredAt });
  return failed ? [placed, paid, retried] : [placed, paid];
}

describe("computeFlowStats", () => {
  it("learns how often B follows A, how long it takes and how often it failed", () => {
    const chains = new Map([
      ["o1", order("o1", 1)],
      ["o2", order("o2", 2)],
      ["o3", order("o3", 3, true)],
      ["o4", order("o4", null)],
    ]);
    const stats = computeFlowStats(chains, window);

    expect(stats.chainCount).toBe(4);
    expect(stats.nodes).toContainEqual({ eventType: "OrderPlaced", chains: 4, events: 4 });
    expect(stats.edges).toEqual([
      {
        from: "OrderPlaced",
        to: "PaymentProcessed",
        chains: 3,
        fromChains: 4,
        followShare: 0.75,
        hops: 3,
        p50Ms: 2000,
        p95Ms: 3000,
        failureShare: 1 / 3,
        examples: expect.arrayContaining(["o1", "o2", "o3"]),
      },
    ]);
  });

  it("keeps retry and dead-letter copies out of the graph's steps", () => {
    const stats = computeFlowStats(new Map([["o3", order("o3", 3, true)]]), window);
    expect(stats.nodes.map(({ eventType }) => eventType).sort()).toEqual([
      "OrderPlaced",
      "PaymentProcessed",
    ]);
    expect(stats.nodes.find(({ eventType }) => eventType === "PaymentProcessed")?.events).toBe(1);
  });
});

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.95)).toBe(95);
    expect(percentile([], 0.5)).toBe(0);
  });
});
