import { describe, expect, it } from "vitest";
import { chainStats } from "./stats";
import { at, makeEvent } from "./__fixtures__/events";

describe("chainStats", () => {
  it("summarises services, topics, time span and dead letters", () => {
    const stats = chainStats([
      makeEvent({ topic: "payments", service: "payment-service", occurredAt: at(5) }),
      makeEvent({ topic: "orders", service: "order-service", occurredAt: at(1) }),
      makeEvent({ topic: "orders", service: null, occurredAt: at(3) }),
      makeEvent({ topic: "payments.DLQ", service: "payment-service", dlq: {}, occurredAt: at(9) }),
    ]);

    expect(stats).toEqual({
      eventCount: 4,
      services: ["order-service", "payment-service"],
      topics: ["orders", "payments", "payments.DLQ"],
      firstAt: at(1),
      lastAt: at(9),
      durationMs: 8_000,
      deadLettered: 1,
    });
  });

  it("has no time span for an empty chain", () => {
    expect(chainStats([])).toEqual({
      eventCount: 0,
      services: [],
      topics: [],
      firstAt: null,
      lastAt: null,
      durationMs: 0,
      deadLettered: 0,
    });
  });

  it("leaves unreadable times out of the span", () => {
    const stats = chainStats([
      makeEvent({ occurredAt: "not a time" }),
      makeEvent({ occurredAt: at(2) }),
    ]);

    expect([stats.firstAt, stats.lastAt, stats.durationMs]).toEqual([at(2), at(2), 0]);
  });
});
