import { describe, expect, it } from "vitest";
import type { Event } from "../events/event";
import { buildChain } from "./build";
import type { FlowStats } from "./flows";
import { at, makeEvent } from "./__fixtures__/events";
import { flowEdge, flowStats } from "./__fixtures__/flows";

const placed = makeEvent({ topic: "orders", offset: 1, eventId: "o", occurredAt: at(0) });
function paid(afterSeconds: number): Event {
  return makeEvent({
    topic: "payments",
    offset: 2,
    eventId: "p",
    eventType: "PaymentProcessed",
    service: "payment-service",
    causationId: "o",
    occurredAt: at(afterSeconds),
  });
}
const usual = flowStats([flowEdge({ from: "OrderPlaced", to: "PaymentProcessed" })]);

function learnedKinds(events: Event[], stats: FlowStats, nowSeconds: number) {
  const learned = { stats, now: Date.parse(at(nowSeconds)), minChains: 20, minFollowShare: 0.9 };
  return buildChain("order-1", events, { learned }).anomalies.filter(
    ({ kind }) => kind === "slow-hop" || kind === "missing-step",
  );
}

describe("missing-step", () => {
  it("reports a step that usually follows and is overdue", () => {
    expect(learnedKinds([placed], usual, 300)).toEqual([
      {
        kind: "missing-step",
        eventIds: ["orders:0:1"],
        message:
          "PaymentProcessed usually follows OrderPlaced within 1.2 s (97% of 4,340 chains); " +
          "none after 5 min: check whether the consumer of orders is running and reading it.",
      },
    ]);
  });

  it("waits until the step is overdue", () => {
    expect(learnedKinds([placed], usual, 1)).toEqual([]);
  });

  it("says nothing once the step has happened", () => {
    expect(learnedKinds([placed, paid(1)], usual, 300)).toEqual([]);
  });

  it("learns nothing from too few chains or a step that often does not follow", () => {
    const rare = flowStats([
      flowEdge({ from: "OrderPlaced", to: "PaymentProcessed", fromChains: 19 }),
      flowEdge({ from: "OrderPlaced", to: "FraudReviewed", followShare: 0.4 }),
    ]);
    expect(learnedKinds([placed], rare, 300)).toEqual([]);
  });

  it("is not judged without flow statistics", () => {
    const kinds = buildChain("order-1", [placed]).anomalies.map(({ kind }) => kind);
    expect(kinds).not.toContain("missing-step");
  });
});

describe("slow-hop", () => {
  it("reports a hop far slower than its usual p95, naming both events", () => {
    expect(learnedKinds([placed, paid(14)], usual, 20)).toEqual([
      {
        kind: "slow-hop",
        eventIds: ["orders:0:1", "payments:0:2"],
        message:
          "PaymentProcessed (payment-service) came 14 s after OrderPlaced, where that hop " +
          "usually takes 300 ms (p95 1.2 s over 4,210 chains): check whether payment-service " +
          `was lagging or slow around ${at(0)}.`,
      },
    ]);
  });

  it("leaves hops within twice their p95 alone", () => {
    expect(learnedKinds([placed, paid(2)], usual, 20)).toEqual([]);
  });
});
