import { describe, expect, it } from "vitest";
import { buildChain } from "./build";
import { timingOf } from "./chain";
import { at, makeEvent } from "./__fixtures__/events";
import { flowEdge, flowStats } from "./__fixtures__/flows";

const placed = makeEvent({ topic: "orders", offset: 1, eventId: "o", occurredAt: at(0) });
const retried = makeEvent({
  ...placed,
  topic: "orders-retry",
  offset: 1,
  timestamp: at(4),
});
const paid = makeEvent({
  topic: "payments",
  offset: 1,
  eventId: "p",
  eventType: "PaymentProcessed",
  causationId: "o",
  occurredAt: at(5),
});
const emailed = makeEvent({
  topic: "mail",
  offset: 1,
  eventId: "m",
  eventType: "EmailSent",
  causationId: "o",
  occurredAt: at(1),
});

describe("where the time went", () => {
  it("splits a hop into retry time and, without history, unsplit processing", () => {
    const chain = buildChain("order-1", [placed, retried, paid]);
    expect(chain.edges).toContainEqual({ from: "orders:0:1", to: "payments:0:1" });
    expect(timingOf(chain, "payments:0:1")).toEqual({
      startMs: 5000,
      hopMs: 5000,
      processingMs: 1000,
      queueWaitMs: 0,
      retryMs: 4000,
      split: "unsplit",
    });
    expect(chain.timing.criticalPath).toContain("payments:0:1");
    expect(timingOf(chain, "orders-retry:0:1")).toMatchObject({
      hopMs: 4000,
      retryMs: 4000,
    });
  });

  it("splits queue wait from processing by the hop's usual p50", () => {
    const learned = {
      stats: flowStats([
        flowEdge({ from: "OrderPlaced", to: "PaymentProcessed", p50Ms: 300, p95Ms: 900 }),
      ]),
      now: Date.parse(at(10)),
      minChains: 20,
      minFollowShare: 0.9,
    };
    const chain = buildChain("order-1", [placed, paid], { learned });
    expect(timingOf(chain, "payments:0:1")).toMatchObject({
      hopMs: 5000,
      processingMs: 300,
      queueWaitMs: 4700,
      retryMs: 0,
      split: "learned",
    });
  });

  it("marks the path to the last event as critical and adds up its time", () => {
    const { timing } = buildChain("order-1", [placed, retried, paid, emailed]);
    expect(timing.criticalPath).toEqual(["orders:0:1", "payments:0:1"]);
    expect(timing.totalMs).toBe(5000);
    expect(timing.critical).toEqual({ processingMs: 1000, queueWaitMs: 0, retryMs: 4000 });
  });

  it("lists one timing per event, in the order of the chain's events", () => {
    const chain = buildChain("order-1", [emailed, paid, placed]);
    expect(chain.events.map(({ id }) => id)).toEqual(["orders:0:1", "mail:0:1", "payments:0:1"]);
    expect(chain.timing.events.map(({ startMs }) => startMs)).toEqual([0, 1000, 5000]);
  });

  it("leaves events with unreadable times out of the arithmetic", () => {
    const odd = makeEvent({ eventId: "x", causationId: "o", occurredAt: "not a time" });
    const chain = buildChain("order-1", [placed, odd]);
    expect(timingOf(chain, odd.id)).toMatchObject({
      startMs: null,
      hopMs: null,
      split: "none",
    });
  });
});
