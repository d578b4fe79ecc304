import { describe, expect, it } from "vitest";
import type { Chain } from "./chain";
import { buildChain } from "./build";
import { at, linearChain, makeEvent } from "./__fixtures__/events";

function parentOf(chain: Chain): Map<string, string> {
  return new Map(chain.edges.map(({ from, to }) => [to, from]));
}

/** Walks down from the roots with an explicit stack, as a UI would. */
function reachable(chain: Chain): Set<string> {
  const children = new Map<string, string[]>();
  for (const { from, to } of chain.edges) children.set(from, [...(children.get(from) ?? []), to]);
  const seen = new Set<string>();
  const stack = [...chain.roots];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return seen;
}

const placed = makeEvent({ topic: "orders", offset: 1, eventId: "order", occurredAt: at(0) });
const payment = makeEvent({
  topic: "payments",
  offset: 7,
  eventId: "pay",
  eventType: "PaymentRequested",
  causationId: "order",
  occurredAt: at(1),
});

describe("buildChain", () => {
  it("links a linear chain parent to child with one root", () => {
    const chain = buildChain("order-1", linearChain(3));

    expect(chain.correlationId).toBe("order-1");
    expect(chain.roots).toEqual(["steps:0:0"]);
    expect(chain.edges).toEqual([
      { from: "steps:0:0", to: "steps:0:1" },
      { from: "steps:0:1", to: "steps:0:2" },
    ]);
    expect(chain.anomalies).toEqual([]);
  });

  it("fans out to several children and keeps unrelated starts as separate roots", () => {
    const stock = makeEvent({
      topic: "inventory",
      offset: 4,
      eventId: "stock",
      causationId: "order",
      occurredAt: at(1),
    });
    const audit = makeEvent({ topic: "audit", offset: 2, eventId: "audit", occurredAt: at(3) });

    const chain = buildChain("order-1", [audit, stock, payment, placed]);

    expect(chain.roots).toEqual(["orders:0:1", "audit:0:2"]);
    expect(chain.edges).toEqual([
      { from: "orders:0:1", to: "inventory:0:4" },
      { from: "orders:0:1", to: "payments:0:7" },
    ]);
  });

  it("sorts by occurredAt, then topic, partition and numeric offset", () => {
    const events = [
      makeEvent({ topic: "b", partition: 0, offset: 1, occurredAt: at(1) }),
      makeEvent({ topic: "a", partition: 1, offset: 10, occurredAt: at(1) }),
      makeEvent({ topic: "a", partition: 1, offset: 9, occurredAt: at(1) }),
      makeEvent({ topic: "a", partition: 0, offset: "9007199254740993", occurredAt: at(1) }),
      makeEvent({ topic: "a", partition: 0, offset: "9007199254740992", occurredAt: at(1) }),
      makeEvent({ topic: "z", partition: 0, offset: 5, occurredAt: at(0) }),
    ];

    expect(buildChain("order-1", events).events.map(({ id }) => id)).toEqual([
      "z:0:5",
      "a:0:9007199254740992",
      "a:0:9007199254740993",
      "a:1:9",
      "a:1:10",
      "b:0:1",
    ]);
  });

  it("hangs a plain duplicate beside the original under the same parent", () => {
    const again = { ...payment, id: "payments:0:9", offset: "9", occurredAt: at(2) };
    const settled = makeEvent({
      topic: "ledger",
      offset: 3,
      causationId: "pay",
      occurredAt: at(3),
    });

    const parents = parentOf(buildChain("order-1", [placed, payment, again, settled]));

    expect(parents.get("payments:0:7")).toBe("orders:0:1");
    expect(parents.get("payments:0:9")).toBe("orders:0:1");
    expect(parents.get("ledger:0:3")).toBe("payments:0:7");
  });

  it("hangs a DLQ copy under its original, not under the original's parent", () => {
    // Same occurredAt and a topic that sorts first: the copy still must not become canonical.
    const deadLettered = makeEvent({
      ...payment,
      topic: "dead-letter.payments",
      offset: 0,
      dlq: { originalTopic: "payments", originalOffset: "7" },
    });

    const chain = buildChain("order-1", [deadLettered, payment, placed]);

    expect(chain.roots).toEqual(["orders:0:1"]);
    expect(parentOf(chain)).toEqual(
      new Map([
        ["payments:0:7", "orders:0:1"],
        ["dead-letter.payments:0:0", "payments:0:7"],
      ]),
    );
  });

  it("hangs a DLQ record whose original was never indexed under the original's cause", () => {
    const deadLettered = makeEvent({ ...payment, topic: "payments.DLQ", offset: 0, dlq: {} });

    const chain = buildChain("order-1", [deadLettered, placed]);

    expect(chain.edges).toEqual([{ from: "orders:0:1", to: "payments.DLQ:0:0" }]);
    expect(chain.anomalies.map(({ kind }) => kind)).toEqual(["dlq"]);
  });

  it("chains retry attempts behind the original and ends with the DLQ copy", () => {
    // Copies keep the original's occurredAt; their Kafka timestamps say when each was attempted.
    const copy = (topic: string, offset: number, seconds: number, dead = false) =>
      makeEvent({
        ...payment,
        topic,
        offset,
        timestamp: at(seconds),
        dlq: dead ? { originalTopic: "payments" } : null,
      });
    const events = [
      copy("payments-dlq", 0, 30, true),
      copy("payments-retry-1", 0, 20),
      copy("payments-retry-0", 0, 10),
      payment,
      placed,
    ];

    const chain = buildChain("order-1", events);

    expect(chain.roots).toEqual(["orders:0:1"]);
    expect(chain.edges).toEqual(
      expect.arrayContaining([
        { from: "orders:0:1", to: "payments:0:7" },
        { from: "payments:0:7", to: "payments-retry-0:0:0" },
        { from: "payments-retry-0:0:0", to: "payments-retry-1:0:0" },
        { from: "payments-retry-1:0:0", to: "payments-dlq:0:0" },
      ]),
    );
    expect(chain.edges).toHaveLength(4);
  });

  it("places retry and DLQ copies at the time they were re-published, not the original's", () => {
    const original = makeEvent({ eventId: "pay", topic: "orders", occurredAt: at(0) });
    const dead = makeEvent({
      eventId: "pay",
      topic: "payments.DLQ",
      occurredAt: at(0),
      timestamp: at(9),
      dlq: {},
    });
    const retry = makeEvent({
      eventId: "pay",
      topic: "payments.retry",
      occurredAt: at(0),
      timestamp: at(4),
    });

    const chain = buildChain("order-1", [dead, retry, original]);

    expect(chain.events.map((e) => e.id)).toEqual([original.id, retry.id, dead.id]);
    expect(chain.stats.durationMs).toBe(9000);
    expect(chain.stats.lastAt).toBe(at(9));
  });

  it("cuts a causation cycle at its earliest event, reports it and keeps all reachable", () => {
    const a = makeEvent({
      topic: "t",
      offset: 1,
      eventId: "a",
      causationId: "c",
      occurredAt: at(0),
    });
    const b = makeEvent({
      topic: "t",
      offset: 2,
      eventId: "b",
      causationId: "a",
      occurredAt: at(1),
    });
    const c = makeEvent({
      topic: "t",
      offset: 3,
      eventId: "c",
      causationId: "b",
      occurredAt: at(2),
    });
    const tail = makeEvent({ topic: "t", offset: 4, causationId: "b", occurredAt: at(3) });

    const chain = buildChain("order-1", [c, tail, b, a]);

    expect(chain.roots).toEqual(["t:0:1"]);
    expect(parentOf(chain).get("t:0:1")).toBeUndefined();
    expect(reachable(chain)).toEqual(new Set(["t:0:1", "t:0:2", "t:0:3", "t:0:4"]));
    expect(chain.anomalies).toEqual([
      expect.objectContaining({
        kind: "out-of-order",
        eventIds: ["t:0:1", "t:0:2", "t:0:3"],
        message: expect.stringMatching(/^causation cycle: /),
      }),
    ]);
  });

  it("makes an event that names itself as its cause a root", () => {
    const selfish = makeEvent({ offset: 1, eventId: "x", causationId: "x" });

    const chain = buildChain("order-1", [selfish]);

    expect(chain.roots).toEqual(["orders:0:1"]);
    expect(chain.edges).toEqual([]);
    expect(chain.anomalies.map(({ kind }) => kind)).toEqual(["out-of-order"]);
  });

  it("counts a record fetched twice once", () => {
    const chain = buildChain("order-1", [placed, payment, { ...placed }]);

    expect(chain.events.map(({ id }) => id)).toEqual(["orders:0:1", "payments:0:7"]);
    expect(chain.anomalies).toEqual([]);
  });

  // Generous: a shared, loaded machine must not turn "no recursion" into a timing assertion.
  it("rebuilds a 10,000-event chain without recursion", { timeout: 30_000 }, () => {
    const events = linearChain(10_000).reverse();

    const chain = buildChain("order-1", events);

    expect(chain.roots).toEqual(["steps:0:0"]);
    expect(chain.edges).toHaveLength(9_999);
    expect(parentOf(chain).get("steps:0:9999")).toBe("steps:0:9998");
    expect(reachable(chain).size).toBe(10_000);
  });

  it("breaks a 10,000-event causation ring without hanging", { timeout: 30_000 }, () => {
    const ring = linearChain(10_000).map((event, index) =>
      index === 0 ? { ...event, causationId: "evt-9999" } : event,
    );

    const chain = buildChain("order-1", ring);

    expect(chain.roots).toEqual(["steps:0:0"]);
    expect(reachable(chain).size).toBe(10_000);
    expect(chain.anomalies).toHaveLength(1);
    expect(chain.anomalies[0]?.eventIds).toHaveLength(10_000);
  });
});
