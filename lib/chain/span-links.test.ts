import { describe, expect, it } from "vitest";
import { at, makeEvent } from "./__fixtures__/events";
import { makeSpan, sendSpan, TRACE_ID } from "./__fixtures__/spans";
import { buildChain } from "./build";
import { CAUSATION_UNKNOWN, timingOf } from "./chain";
import type { Span } from "../spans/span";

/** A record carrying only a traceparent whose parent id is `send`'s span id. */
function tracedRecord(topic: string, send: Span, occurredSeconds: number, offset: number) {
  return makeEvent({
    topic,
    offset,
    eventId: null,
    eventType: null,
    causationId: null,
    service: null,
    envelope: "traceparent",
    correlationId: TRACE_ID,
    occurredAt: at(occurredSeconds),
    trace: { traceId: TRACE_ID, spanId: send.spanId },
  });
}

/** orders ← process span of the payments consumer → send to payments. */
function orderThenPayment() {
  const sendOrder = sendSpan("orders", "order-service");
  const order = tracedRecord("orders", sendOrder, 0, 41);
  const process = makeSpan({
    name: "process orders",
    kind: "consumer",
    service: "payment-service",
    parentSpanId: sendOrder.spanId,
    startSeconds: 2,
    messaging: {
      operation: "process",
      destination: "orders",
      partition: 0,
      offset: "41",
      consumerGroup: "payments",
    },
  });
  const sendPayment = sendSpan("payments", "payment-service", process);
  const payment = tracedRecord("payments", sendPayment, 5, 7);
  return { order, payment, spans: [sendOrder, process, sendPayment] };
}

describe("causation from spans", () => {
  it("links the record a consumer's process span sent to the record it handled", () => {
    const { order, payment, spans } = orderThenPayment();
    const chain = buildChain(TRACE_ID, [payment, order], { spans });
    expect(chain.roots).toEqual([order.id]);
    expect(chain.edges).toEqual([
      { from: order.id, to: payment.id, via: "spans", consumerGroup: "payments" },
    ]);
    expect(chain.causation).toEqual({ spans: 3, spanEdges: 1, unknown: null });
  });

  it("fills service and event type from the send spans", () => {
    const { order, payment, spans } = orderThenPayment();
    const chain = buildChain(TRACE_ID, [order, payment], { spans });
    expect(chain.events.map(({ service, eventType }) => ({ service, eventType }))).toEqual([
      { service: "order-service", eventType: "orders" },
      { service: "payment-service", eventType: "payments" },
    ]);
  });

  it("measures queue wait up to the process span's start and processing after it", () => {
    const { order, payment, spans } = orderThenPayment();
    const chain = buildChain(TRACE_ID, [order, payment], { spans });
    expect(timingOf(chain, payment.id)).toMatchObject({
      hopMs: 5_000,
      queueWaitMs: 2_000,
      processingMs: 3_000,
      split: "measured",
    });
  });

  it("walks up through the handler's own spans and follows a link to the send span", () => {
    const sendOrder = sendSpan("orders", "order-service");
    const order = tracedRecord("orders", sendOrder, 0, 41);
    const receive = makeSpan({
      name: "orders receive",
      kind: "consumer",
      links: [{ traceId: TRACE_ID, spanId: sendOrder.spanId }],
      messaging: { operation: "receive", destination: "orders" },
    });
    const handler = makeSpan({
      name: "charge card",
      parentSpanId: receive.spanId,
      messaging: null,
    });
    const sendPayment = sendSpan("payments", "payment-service", handler);
    const payment = tracedRecord("payments", sendPayment, 1, 7);
    const chain = buildChain(TRACE_ID, [order, payment], {
      spans: [sendOrder, receive, handler, sendPayment],
    });
    expect(chain.edges).toEqual([{ from: order.id, to: payment.id, via: "spans" }]);
  });

  it("lets a causation id win over the spans", () => {
    const { order, payment, spans } = orderThenPayment();
    const command = makeEvent({ topic: "commands", eventId: "cmd-1", occurredAt: at(-1) });
    const caused = { ...payment, causationId: "cmd-1" };
    const chain = buildChain(TRACE_ID, [command, order, caused], { spans });
    expect(chain.edges).toEqual([{ from: command.id, to: payment.id }]);
    expect(chain.causation.spanEdges).toBe(0);
  });

  it("draws no edge when the handled record cannot be told from a copy of another", () => {
    const sendOrder = sendSpan("orders", "order-service");
    const first = tracedRecord("orders", sendOrder, 0, 41);
    const second = tracedRecord("orders-mirror", sendOrder, 0, 3);
    const process = makeSpan({
      kind: "consumer",
      parentSpanId: sendOrder.spanId,
      messaging: { operation: "process" },
    });
    const sendPayment = sendSpan("payments", "payment-service", process);
    const payment = tracedRecord("payments", sendPayment, 1, 7);
    const chain = buildChain(TRACE_ID, [first, second, payment], {
      spans: [sendOrder, process, sendPayment],
    });
    expect(chain.edges).toEqual([]);
  });
});

describe("when nothing says what caused what", () => {
  it("says causation is unknown instead of offering unrelated roots as the answer", () => {
    const { order, payment } = orderThenPayment();
    const chain = buildChain(TRACE_ID, [order, payment]);
    expect(chain.roots).toHaveLength(2);
    expect(chain.causation.unknown).toBe(CAUSATION_UNKNOWN);
  });

  it("does not say so when causation ids or spans are there", () => {
    const { order, payment, spans } = orderThenPayment();
    expect(buildChain(TRACE_ID, [order, payment], { spans }).causation.unknown).toBeNull();
    const placed = makeEvent({ eventId: "e-1" });
    const paid = makeEvent({ topic: "payments", causationId: "e-1", occurredAt: at(1) });
    const stranger = makeEvent({ topic: "audit", causationId: "gone", occurredAt: at(2) });
    expect(buildChain("order-1", [placed, paid, stranger]).causation.unknown).toBeNull();
  });
});
