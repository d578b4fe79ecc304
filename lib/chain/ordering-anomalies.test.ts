import { describe, expect, it } from "vitest";
import type { Event } from "../events/event";
import { buildChain } from "./build";
import { at, makeEvent } from "./__fixtures__/events";

function outOfOrder(events: Event[]) {
  return buildChain("order-1", events).anomalies.filter(({ kind }) => kind === "out-of-order");
}

describe("out-of-order", () => {
  it("reports a child that occurred before the event it names as its cause", () => {
    const placed = makeEvent({
      topic: "orders",
      offset: 1,
      eventId: "o",
      key: "a",
      occurredAt: at(5),
    });
    const shipped = makeEvent({
      topic: "shipping",
      offset: 1,
      eventId: "s",
      key: "a",
      eventType: "ShipmentScheduled",
      service: "shipping-service",
      causationId: "o",
      occurredAt: at(3),
    });
    expect(outOfOrder([placed, shipped])).toEqual([
      {
        kind: "out-of-order",
        eventIds: ["orders:0:1", "shipping:0:1"],
        message:
          "ShipmentScheduled (shipping-service) occurred 2 s before OrderPlaced, the event it " +
          "names as its cause: the clocks of shipping-service and order-service disagree, or " +
          "the causation id is wrong.",
      },
    ]);
  });

  it("reports records of one key whose offsets run against their times", () => {
    const cancelled = makeEvent({
      offset: 7,
      eventId: "c",
      eventType: "OrderCancelled",
      occurredAt: at(3),
    });
    const placed = makeEvent({ offset: 8, eventId: "o", occurredAt: at(1) });
    expect(outOfOrder([cancelled, placed])).toEqual([
      {
        kind: "out-of-order",
        eventIds: ["orders:0:7", "orders:0:8"],
        message:
          "On orders[0], key order-1 has OrderPlaced at offset 8 although it occurred 2 s " +
          "before OrderCancelled at offset 7: consumers handle them in offset order, so check " +
          "how the producer orders its sends for this key.",
      },
    ]);
  });

  it("accepts a key's records in time order and a child after its parent", () => {
    const placed = makeEvent({ offset: 1, eventId: "o", occurredAt: at(1) });
    const paid = makeEvent({ offset: 2, eventId: "p", causationId: "o", occurredAt: at(2) });
    expect(outOfOrder([placed, paid])).toEqual([]);
  });
});
