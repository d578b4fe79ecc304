import { describe, expect, it } from "vitest";
import { buildChain } from "./build";
import { compareChains } from "./compare";
import { at, makeEvent } from "./__fixtures__/events";

function order(id: string, paySeconds: number, shipped: boolean) {
  const events = [
    makeEvent({ correlationId: id, eventId: `${id}-o`, occurredAt: at(0) }),
    makeEvent({
      topic: "payments",
      correlationId: id,
      eventId: `${id}-p`,
      eventType: "PaymentProcessed",
      service: "payment-service",
      causationId: `${id}-o`,
      occurredAt: at(paySeconds),
    }),
  ];
  if (shipped) {
    events.push(
      makeEvent({
        topic: "shipping",
        correlationId: id,
        eventId: `${id}-s`,
        eventType: "ShipmentScheduled",
        service: "shipping-service",
        causationId: `${id}-p`,
        occurredAt: at(paySeconds + 1),
      }),
    );
  }
  return buildChain(id, events);
}

describe("compareChains", () => {
  it("names the steps, services and hop times that differ", () => {
    const comparison = compareChains(order("good", 1, true), order("stuck", 9, false));

    expect(comparison.steps).toEqual([
      {
        eventType: "OrderPlaced",
        a: 1,
        b: 1,
        aEventId: expect.any(String),
        bEventId: expect.any(String),
      },
      {
        eventType: "PaymentProcessed",
        a: 1,
        b: 1,
        aEventId: expect.any(String),
        bEventId: expect.any(String),
      },
      { eventType: "ShipmentScheduled", a: 1, b: 0, aEventId: expect.any(String), bEventId: null },
    ]);
    expect(comparison.services).toEqual({
      onlyA: ["shipping-service"],
      onlyB: [],
      both: ["order-service", "payment-service"],
    });
    expect(comparison.hops).toContainEqual({
      from: "OrderPlaced",
      to: "PaymentProcessed",
      aMs: 1000,
      bMs: 9000,
      diffMs: 8000,
    });
    expect(comparison.differences).toEqual([
      "Only A has ShipmentScheduled (1).",
      "Only A involves shipping-service.",
      "OrderPlaced → PaymentProcessed took 9 s in B against 1 s in the other.",
    ]);
  });

  it("finds no differences between two chains that ran alike", () => {
    expect(compareChains(order("a", 1, true), order("b", 1, true)).differences).toEqual([]);
  });
});
