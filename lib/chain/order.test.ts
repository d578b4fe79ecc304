import { describe, expect, it } from "vitest";
import { at, deadLetter, makeEvent } from "./__fixtures__/events";
import { causationDepths, sortByOccurrence } from "./order";

describe("sortByOccurrence", () => {
  it("puts an original before its dead letter stamped with the same time, whatever the topics", () => {
    // "billing-dlq" sorts before "orders" by name; the original still comes first.
    const original = makeEvent({ topic: "orders", eventId: "e-1", occurredAt: at(1) });
    const copy = makeEvent({
      topic: "billing-dlq",
      eventId: "e-1",
      occurredAt: at(1),
      timestamp: at(1),
      dlq: deadLetter(),
    });
    expect(sortByOccurrence([copy, original]).map((e) => e.topic)).toEqual([
      "orders",
      "billing-dlq",
    ]);
  });

  it("puts a cause before its effect at the same time, then orders by topic, partition, offset", () => {
    const root = makeEvent({ topic: "z-orders", eventId: "a", occurredAt: at(0) });
    const child = makeEvent({
      topic: "a-payments",
      eventId: "b",
      causationId: "a",
      occurredAt: at(0),
    });
    const sibling1 = makeEvent({
      topic: "a-payments",
      offset: 7,
      eventId: "c",
      causationId: "a",
      occurredAt: at(0),
    });
    const sibling0 = makeEvent({
      topic: "a-payments",
      offset: 3,
      eventId: "d",
      causationId: "a",
      occurredAt: at(0),
    });
    expect(sortByOccurrence([sibling1, child, root, sibling0]).map((e) => e.eventId)).toEqual([
      "a",
      "d",
      "c",
      "b",
    ]);
  });

  it("still orders by time first", () => {
    const late = makeEvent({ eventId: "a", occurredAt: at(5) });
    const early = makeEvent({ eventId: "b", causationId: "a", occurredAt: at(1) });
    expect(sortByOccurrence([late, early]).map((e) => e.eventId)).toEqual(["b", "a"]);
  });
});

describe("causationDepths", () => {
  it("survives a causation cycle", () => {
    const a = makeEvent({ eventId: "a", causationId: "b" });
    const b = makeEvent({ eventId: "b", causationId: "a" });
    const depths = causationDepths([a, b]);
    expect(depths.get(a.id)).toBe(1);
    expect(depths.get(b.id)).toBe(0);
  });
});
