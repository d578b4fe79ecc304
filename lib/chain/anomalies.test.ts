import { describe, expect, it } from "vitest";
import type { Anomaly, AnomalyKind } from "./chain";
import { buildChain } from "./build";
import { at, makeEvent } from "./__fixtures__/events";
import type { Event } from "../events/event";

function anomalies(kind: AnomalyKind, events: Event[]): Anomaly[] {
  return buildChain("order-1", events).anomalies.filter((anomaly) => anomaly.kind === kind);
}

const placed = makeEvent({ topic: "orders", offset: 3, eventId: "evt-1", occurredAt: at(0) });
const requested = makeEvent({
  topic: "payments",
  offset: 42,
  eventId: "pay-1",
  eventType: "PaymentRequested",
  service: "order-service",
  causationId: "evt-1",
  occurredAt: at(1),
});

describe("chain anomalies", () => {
  it("groups children of the same missing parent into one orphan anomaly", () => {
    const processed = makeEvent({
      topic: "payments",
      offset: 1,
      eventType: "PaymentProcessed",
      service: "payment-service",
      causationId: "evt-123",
    });
    const reserved = makeEvent({
      topic: "inventory",
      offset: 1,
      eventType: "StockReserved",
      service: "inventory-service",
      causationId: "evt-123",
    });
    const chain = buildChain("order-1", [processed, reserved, placed]);

    expect(chain.roots).toEqual(["inventory:0:1", "orders:0:3", "payments:0:1"]);
    expect(chain.anomalies).toEqual([
      {
        kind: "orphan",
        eventIds: ["inventory:0:1", "payments:0:1"],
        message:
          "StockReserved (inventory-service) and PaymentProcessed (payment-service) name causation " +
          "id evt-123, which was never seen: their parent may not be indexed yet, may be on a " +
          "topic the collector does not read, or was never produced.",
      },
    ]);
  });

  it("reports an event id delivered twice on one topic, ignoring its retry and DLQ copies", () => {
    const again = makeEvent({ ...placed, offset: 9, occurredAt: at(4) });
    const retried = makeEvent({ ...placed, topic: "orders-retry", offset: 0 });
    const deadLettered = makeEvent({ ...placed, topic: "orders.DLQ", offset: 0, dlq: {} });

    expect(anomalies("duplicate", [placed, again, retried, deadLettered])).toEqual([
      {
        kind: "duplicate",
        eventIds: ["orders:0:3", "orders:0:9"],
        message:
          "Event evt-1 (OrderPlaced) was delivered 2 times on orders (offsets 3, 9); consumers " +
          "that are not idempotent will process it twice.",
      },
    ]);
  });

  it("does not count the same event id on two different topics as a duplicate", () => {
    const forwarded = makeEvent({ ...placed, topic: "orders-archive", offset: 3 });

    expect(anomalies("duplicate", [placed, forwarded])).toEqual([]);
  });

  it("says where a dead letter came from, who failed it and why", () => {
    const deadLettered = makeEvent({
      ...placed,
      topic: "payments.DLQ",
      offset: 0,
      dlq: {
        originalTopic: "orders",
        originalPartition: 1,
        originalOffset: "42",
        consumerGroup: "payment-service",
        errorClass: "CardDeclined",
        errorMessage: "insufficient funds.",
      },
    });

    expect(anomalies("dlq", [placed, deadLettered])).toEqual([
      {
        kind: "dlq",
        eventIds: ["payments.DLQ:0:0"],
        message:
          "OrderPlaced from orders[1]@42 was dead-lettered to payments.DLQ by payment-service: " +
          "CardDeclined: insufficient funds.",
      },
    ]);
  });

  it("describes a dead letter that carries no DLQ headers", () => {
    const bare = makeEvent({ topic: "orders-dlt", offset: 5, eventType: null, dlq: {} });

    expect(anomalies("dlq", [bare]).map(({ message }) => message)).toEqual([
      "Untyped record orders-dlt[0]@5 was dead-lettered to orders-dlt; it carries no error " +
        "class or message, so the consumer's logs are the place to look.",
    ]);
  });

  it("keeps an event type exactly as written at the start of a message", () => {
    const lower = makeEvent({ topic: "orders.DLQ", offset: 3, eventType: "order.placed", dlq: {} });

    expect(anomalies("dlq", [lower])[0]?.message).toMatch(/^order\.placed was dead-lettered/);
  });

  it("groups retry attempts per event and says they ended in the DLQ", () => {
    const attempt = (offset: number, seconds: number) =>
      makeEvent({ ...requested, topic: "payments.retry", offset, timestamp: at(seconds) });
    const deadLettered = makeEvent({
      ...requested,
      topic: "payments.DLQ",
      offset: 0,
      timestamp: at(30),
      dlq: {},
    });

    const retries = anomalies("retry", [
      placed,
      requested,
      attempt(1, 10),
      attempt(2, 20),
      deadLettered,
    ]);

    expect(retries).toEqual([
      {
        kind: "retry",
        eventIds: ["payments.retry:0:1", "payments.retry:0:2"],
        message:
          "PaymentRequested was retried 2 times through payments.retry before it was dead-lettered to payments.DLQ.",
      },
    ]);
  });

  it("tells a retry that went through from one nothing has followed yet", () => {
    const retried = makeEvent({ ...requested, topic: "payments-retry-0", offset: 1 });
    const shipment = makeEvent({
      topic: "shipping",
      offset: 1,
      eventId: "ship-1",
      eventType: "ShipmentRequested",
      causationId: "pay-1",
      occurredAt: at(2),
    });
    const stuck = makeEvent({ ...shipment, topic: "shipping-retry", offset: 1 });
    const processed = makeEvent({
      topic: "ledger",
      offset: 1,
      causationId: "pay-1",
      occurredAt: at(9),
    });

    const messages = anomalies("retry", [
      placed,
      requested,
      retried,
      shipment,
      stuck,
      processed,
    ]).map(({ message }) => message);

    expect(messages).toEqual([
      expect.stringMatching(
        /^PaymentRequested was retried once through payments-retry-0 before it went through/,
      ),
      expect.stringMatching(
        /^ShipmentRequested was retried once through shipping-retry and nothing has followed it/,
      ),
    ]);
  });

  it("names the events and services of a causation cycle", () => {
    const a = makeEvent({ offset: 1, eventId: "a", causationId: "b", occurredAt: at(0) });
    const b = makeEvent({
      topic: "payments",
      offset: 1,
      eventId: "b",
      eventType: "PaymentRequested",
      service: "payment-service",
      causationId: "a",
      occurredAt: at(1),
    });

    expect(anomalies("out-of-order", [b, a])).toEqual([
      {
        kind: "out-of-order",
        eventIds: ["orders:0:1", "payments:0:1"],
        message:
          "causation cycle: OrderPlaced (order-service) → PaymentRequested (payment-service) → " +
          "OrderPlaced (order-service). Events cannot cause each other in a loop, so OrderPlaced " +
          "is shown as a root; check how order-service and payment-service set causation ids.",
      },
    ]);
  });
});
