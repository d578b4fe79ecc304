import { describe, expect, it } from "vitest";
import { envelopes, legacyMapping, TRACEPARENT } from "../testing/envelope-fixtures";
import { decodeRecord } from "./decode";
import { compileMappings } from "./mapping";
import { enclosedTypeName } from "./nservicebus";
import { rawRecord, testOptions } from "./test-record";

describe("CloudEvents Kafka binding", () => {
  it("reads a structured-mode event: attributes, extensions and data", () => {
    const event = decodeRecord(rawRecord(envelopes.cloudEventsStructured), testOptions);
    expect(event).toMatchObject({
      envelope: "cloudevents-structured",
      eventId: "ce-order-placed-7",
      eventType: "com.shop.order.placed",
      correlationId: "order-7",
      causationId: "cmd-place-7",
      occurredAt: "2026-11-23T09:59:58.250Z",
      schemaVersion: "https://schemas.shop.example/order-placed/2",
      service: "/shop/order-service",
      payload: { orderId: "7", total: 12.5 },
      flags: [],
    });
  });

  it("decodes data_base64, and flags an event without a correlation extension", () => {
    const event = decodeRecord(rawRecord(envelopes.cloudEventsStructuredBase64), testOptions);
    expect(event.envelope).toBe("cloudevents-structured");
    expect(event.payload).toEqual({ orderId: "7", carrier: "dhl" });
    expect(event.correlationId).toBeNull();
    expect(event.flags).toContain("no-correlation-id");
  });

  it("reads a binary-mode event from ce_* headers, the value being its data", () => {
    const event = decodeRecord(rawRecord(envelopes.cloudEventsBinary), testOptions);
    expect(event).toMatchObject({
      envelope: "cloudevents-binary",
      eventId: "ce-payment-7",
      eventType: "com.shop.payment.processed",
      correlationId: "order-7",
      causationId: "ce-order-placed-7",
      occurredAt: "2026-11-23T09:59:58.750Z",
      service: "/shop/payment-service",
      payload: { orderId: "7", amount: 12.5, currency: "EUR" },
    });
  });

  it("recognises a structured event whose producer forgot the content type", () => {
    const fixture = { ...envelopes.cloudEventsStructured, headers: {} };
    expect(decodeRecord(rawRecord(fixture), testOptions).envelope).toBe("cloudevents-structured");
  });
});

describe("MassTransit envelope", () => {
  it("reads ids, the message type name, sent time, source endpoint and the inner message", () => {
    const event = decodeRecord(rawRecord(envelopes.massTransit), testOptions);
    expect(event).toMatchObject({
      envelope: "masstransit",
      eventId: "18000000-5d5c-0015-7a6b-08dcf0a7b8a1",
      eventType: "OrderSubmitted",
      correlationId: "18000000-5d5c-0015-5b1c-08dcf0a7b89f",
      causationId: "18000000-5d5c-0015-0a3e-08dcf0a7b89e",
      occurredAt: "2026-11-23T09:59:58.123Z",
      service: "order-service",
      payload: { orderId: "7", total: 12.5 },
      flags: [],
    });
  });

  it("uses correlationId when there is no conversationId", () => {
    const body = JSON.parse(envelopes.massTransit.value) as Record<string, unknown>;
    delete body.conversationId;
    const fixture = { ...envelopes.massTransit, value: JSON.stringify(body), headers: {} };
    const event = decodeRecord(rawRecord(fixture), testOptions);
    expect(event.envelope).toBe("masstransit");
    expect(event.correlationId).toBe("c0ffee00-0000-0000-0000-000000000007");
  });
});

describe("NServiceBus headers", () => {
  it("reads ids, the enclosed type name, the wire-format time and the originating endpoint", () => {
    const event = decodeRecord(rawRecord(envelopes.nServiceBus), testOptions);
    expect(event).toMatchObject({
      envelope: "nservicebus",
      eventId: "5b8d1c1e-3a77-4d2b-9a3f-b0f1009a1c2d",
      eventType: "OrderBilled",
      correlationId: "0f6e8a4c-1d2b-4c3a-8e9f-b0f1009a1b00",
      causationId: "1a2b3c4d-0000-0000-0000-b0f1009a1b01",
      occurredAt: "2026-11-23T09:59:58.123Z",
      service: "Shop.Billing",
      payload: { OrderId: "7", Amount: 12.5 },
      flags: [],
    });
  });

  it.each([
    ["Shop.Messages.OrderBilled, Shop.Messages, Version=1.0.0.0", "OrderBilled"],
    ["Shop.Messages.Outer+Inner, Shop.Messages", "Inner"],
    ["Shop.Messages.Envelope`1[[Shop.Messages.Order, Shop]], Shop", "Envelope"],
    ["OrderBilled", "OrderBilled"],
  ])("takes the type name of %s", (types, name) => {
    expect(enclosedTypeName(types)).toBe(name);
  });

  it("flags a TimeSent it cannot read and uses the record timestamp", () => {
    const fixture = {
      ...envelopes.nServiceBus,
      headers: { ...envelopes.nServiceBus.headers, "NServiceBus.TimeSent": "last tuesday" },
    };
    const event = decodeRecord(rawRecord(fixture), testOptions);
    expect(event.occurredAt).toBe("2026-11-23T09:59:59.000Z");
    expect(event.flags).toContain("bad-occurred-at");
  });
});

describe("seed envelope, header conventions and traceparent", () => {
  it("reads the seed envelope", () => {
    const event = decodeRecord(rawRecord(envelopes.seed), testOptions);
    expect(event).toMatchObject({
      envelope: "seed-json",
      eventId: "e-2",
      correlationId: "order-7",
    });
  });

  it("reads ids from headers around a non-JSON value", () => {
    const event = decodeRecord(rawRecord(envelopes.headersOnly), testOptions);
    expect(event).toMatchObject({
      envelope: "headers",
      eventId: "e-3",
      correlationId: "order-7",
      service: "shipping",
    });
  });

  it("uses the traceparent trace id as a last resort and says so", () => {
    const event = decodeRecord(rawRecord(envelopes.traceparentOnly), testOptions);
    expect(event.envelope).toBe("traceparent");
    expect(event.correlationId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(event.flags).toEqual(["correlation-from-traceparent", "no-event-id"]);
  });

  it("prefers a real correlation id over the traceparent", () => {
    const fixture = { ...envelopes.seed, headers: { traceparent: TRACEPARENT } };
    const event = decodeRecord(rawRecord(fixture), testOptions);
    expect(event.correlationId).toBe("order-7");
    expect(event.flags).not.toContain("correlation-from-traceparent");
  });

  it("keeps the trace and send span of the traceparent, with or without a correlation id", () => {
    const withIds = { ...envelopes.seed, headers: { traceparent: TRACEPARENT } };
    for (const fixture of [envelopes.traceparentOnly, withIds]) {
      expect(decodeRecord(rawRecord(fixture), testOptions).trace).toEqual({
        traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
        spanId: "00f067aa0ba902b7",
      });
    }
    expect(decodeRecord(rawRecord(envelopes.seed), testOptions).trace).toBeNull();
  });
});

describe("precedence", () => {
  const mappings = compileMappings(legacyMapping("legacy.*"));

  it("applies a user mapping on matching topics only", () => {
    const mapped = decodeRecord(rawRecord(envelopes.legacy, "legacy.sales"), {
      ...testOptions,
      mappings,
    });
    expect(mapped).toMatchObject({
      envelope: "mapping",
      eventId: "legacy-1",
      eventType: "Sold",
      correlationId: "order-7",
      occurredAt: "2026-11-23T09:59:58.000Z",
      service: "till-12",
    });
    const unmapped = decodeRecord(rawRecord(envelopes.legacy, "sales"), {
      ...testOptions,
      mappings,
    });
    expect(unmapped.envelope).toBe("none");
    expect(unmapped.eventId).toBeNull();
  });

  it("puts the mapping before a framework envelope, which fills what the mapping leaves out", () => {
    const event = decodeRecord(rawRecord(envelopes.cloudEventsBinary, "legacy.payments"), {
      ...testOptions,
      mappings: compileMappings({
        mappings: [{ topic: "legacy.*", correlationId: { path: "$.orderId" } }],
      }),
    });
    expect(event).toMatchObject({
      envelope: "mapping",
      correlationId: "7",
      eventId: "ce-payment-7",
      eventType: "com.shop.payment.processed",
    });
  });

  it("puts a framework envelope before the seed conventions", () => {
    const fixture = {
      ...envelopes.seed,
      headers: { ce_specversion: "1.0", ce_id: "ce-1", ce_type: "com.shop.x", ce_source: "/x" },
    };
    const event = decodeRecord(rawRecord(fixture), testOptions);
    expect(event).toMatchObject({
      envelope: "cloudevents-binary",
      eventId: "ce-1",
      correlationId: "order-7",
    });
  });
});
