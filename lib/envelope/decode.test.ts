import { describe, expect, it } from "vitest";
import { lastHeader } from "../events/headers";
import { decodeRecord } from "./decode";
import type { RawRecord } from "./raw-record";
import { oddRecords } from "../testing/envelope-fixtures";
import { rawRecord } from "./test-record";

const now = new Date("2026-11-23T10:00:00.000Z");
const options = { dlqPattern: /(^|[._-])(dlq|dlt|dead-letter)($|[._-])/i, rawMaxBytes: 1024, now };

function record(overrides: Partial<RawRecord>): RawRecord {
  return {
    topic: "orders",
    partition: 1,
    offset: "42",
    timestamp: String(Date.parse("2026-11-23T09:59:59.000Z")),
    key: Buffer.from("order-7"),
    value: null,
    headers: {},
    ...overrides,
  };
}

const seed = {
  event_id: "e-2",
  event_type: "PaymentProcessed",
  correlation_id: "order-7",
  causation_id: "e-1",
  occurred_at: "2026-11-23T09:59:58.500Z",
  schema_version: "3",
  payload: { amount: 12.5 },
};

describe("decodeRecord", () => {
  it("reads the seed-style JSON envelope and keeps its payload", () => {
    const event = decodeRecord(record({ value: Buffer.from(JSON.stringify(seed)) }), options);
    expect(event).toMatchObject({
      id: "orders:1:42",
      envelope: "seed-json",
      eventId: "e-2",
      eventType: "PaymentProcessed",
      correlationId: "order-7",
      causationId: "e-1",
      occurredAt: "2026-11-23T09:59:58.500Z",
      timestamp: "2026-11-23T09:59:59.000Z",
      ingestedAt: "2026-11-23T10:00:00.000Z",
      schemaVersion: "3",
      payload: { amount: 12.5 },
      key: "order-7",
      flags: [],
      dlq: null,
    });
  });

  it("prefers headers over the body and reads the producing service from a header", () => {
    const event = decodeRecord(
      record({
        value: Buffer.from(JSON.stringify(seed)),
        headers: { "Correlation-ID": "from-header", service: Buffer.from("payment-service") },
      }),
      options,
    );
    expect(event.correlationId).toBe("from-header");
    expect(event.service).toBe("payment-service");
  });

  it("falls back to the W3C traceparent trace id for the correlation id", () => {
    const event = decodeRecord(
      record({
        value: Buffer.from('{"x":1}'),
        headers: { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
      }),
      options,
    );
    expect(event.correlationId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(event.payload).toEqual({ x: 1 });
  });

  it("keeps a non-JSON value as raw text, flagged", () => {
    const event = decodeRecord(record({ value: Buffer.from("ORDER|7|broken") }), options);
    expect(event.raw).toBe("ORDER|7|broken");
    expect(event.payload).toBeNull();
    expect(event.flags).toEqual(["not-json", "no-event-id", "no-correlation-id"]);
    expect(event.envelope).toBe("none");
  });

  it("keeps binary values, keys and headers as base64, flagged", () => {
    const event = decodeRecord(
      record({
        key: Buffer.from([0xff, 0xfe]),
        value: Buffer.from([0, 1, 2, 3]),
        headers: { blob: Buffer.from([0xc3, 0x28]) },
      }),
      options,
    );
    expect(event.key).toBe("base64://4=");
    expect(event.raw).toBe("base64:AAECAw==");
    expect(event.headers).toEqual([{ key: "blob", value: "base64:wyg=" }]);
    expect(event.flags).toEqual(
      expect.arrayContaining(["binary-key", "binary-value", "binary-header"]),
    );
  });

  it("flags Confluent wire format (magic byte 0) and keeps the schema id; Avro stays binary", () => {
    const event = decodeRecord(rawRecord(oddRecords.confluentAvro), options);
    expect(event.flags).toEqual(
      expect.arrayContaining(["confluent-wire-format", "binary-value", "no-event-id"]),
    );
    expect(event.schemaVersion).toBe("schema-id:42");
    expect(event.raw).toBe(
      `base64:${(oddRecords.confluentAvro.value as Buffer).toString("base64")}`,
    );
  });

  it("reads the JSON after a Confluent JSON Schema serializer's prefix", () => {
    const event = decodeRecord(rawRecord(oddRecords.confluentJson), options);
    expect(event).toMatchObject({
      envelope: "seed-json",
      eventId: "e-2",
      correlationId: "order-7",
      schemaVersion: "3",
      flags: ["confluent-wire-format"],
    });
  });

  it("flags invalid JSON and keeps its text", () => {
    const event = decodeRecord(rawRecord(oddRecords.invalidJson), options);
    expect(event.raw).toBe(oddRecords.invalidJson.value);
    expect(event.flags).toEqual(["not-json", "no-event-id", "no-correlation-id"]);
  });

  it("indexes a record with no ids at all, saying so", () => {
    const event = decodeRecord(rawRecord(oddRecords.noIds), options);
    expect(event).toMatchObject({
      envelope: "none",
      eventId: null,
      correlationId: null,
      payload: { hello: "world" },
      flags: ["no-event-id", "no-correlation-id"],
    });
  });

  it("keeps every header, a repeated one with each of its values in order", () => {
    const event = decodeRecord(
      {
        topic: "orders",
        partition: 0,
        offset: "1",
        timestamp: "1795427998500",
        key: null,
        value: null,
        headers: { a: "1", hop: [Buffer.from("x"), "y", Buffer.from("z")], b: Buffer.from("2") },
      },
      options,
    );
    expect(event.headers).toEqual([
      { key: "a", value: "1" },
      { key: "hop", value: "x" },
      { key: "hop", value: "y" },
      { key: "hop", value: "z" },
      { key: "b", value: "2" },
    ]);
    expect(lastHeader(event.headers, "HOP")).toBe("z");
  });

  it("keeps a binary header as base64 next to readable ones and still reads the envelope", () => {
    const event = decodeRecord(rawRecord(oddRecords.binaryHeader), options);
    expect(lastHeader(event.headers, "x-signature")).toBe("base64:AJ/DKP8=");
    expect(event.flags).toEqual(["binary-header"]);
    expect(event.envelope).toBe("seed-json");
  });

  it("flags a tombstone and keeps no raw value", () => {
    const event = decodeRecord(record({ value: null }), options);
    expect(event.flags).toContain("tombstone");
    expect(event.raw).toBeNull();
    expect(event.valueSize).toBe(0);
  });

  it("caps the raw copy of a large value and records its full size", () => {
    const value = Buffer.from(JSON.stringify({ text: "é".repeat(5000) }));
    const event = decodeRecord(record({ value }), options);
    expect(event.valueSize).toBe(value.length);
    expect(Buffer.byteLength(event.raw ?? "")).toBeLessThanOrEqual(1024);
    expect(event.raw).not.toContain("\uFFFD");
    expect(event.flags).toContain("raw-truncated");
    expect(event.payload).toEqual({ text: "é".repeat(5000) });
  });

  it("uses the record timestamp when occurred_at cannot be read, and says so", () => {
    const value = Buffer.from(JSON.stringify({ ...seed, occurred_at: "yesterday-ish" }));
    const event = decodeRecord(record({ value }), options);
    expect(event.occurredAt).toBe("2026-11-23T09:59:59.000Z");
    expect(event.flags).toContain("bad-occurred-at");
  });

  it.each(["payments.DLQ", "orders-dlt", "dlq_file_sink", "dead-letter.billing"])(
    "marks %s as a dead-letter topic",
    (topic) => {
      expect(decodeRecord(record({ topic, value: Buffer.from("{}") }), options).dlq).not.toBeNull();
    },
  );

  it.each(["dlqueue", "payments", "sandlot"])(
    "does not mark %s as a dead-letter topic",
    (topic) => {
      expect(decodeRecord(record({ topic, value: Buffer.from("{}") }), options).dlq).toBeNull();
    },
  );

  it("reads Spring Kafka DLT headers, binary partition and offset included", () => {
    const partition = Buffer.alloc(4);
    partition.writeInt32BE(3);
    const offset = Buffer.alloc(8);
    offset.writeBigInt64BE(9001n);
    const event = decodeRecord(
      record({
        topic: "payments.DLQ",
        value: Buffer.from(JSON.stringify(seed)),
        headers: {
          "kafka_dlt-original-topic": "payments",
          "kafka_dlt-original-partition": partition,
          "kafka_dlt-original-offset": offset,
          "kafka_dlt-exception-fqcn": "com.shop.CardDeclined",
          "kafka_dlt-exception-message": "declined",
          "kafka_dlt-original-consumer-group": "payment-service",
        },
      }),
      options,
    );
    expect(event.dlq).toEqual({
      originalTopic: "payments",
      originalPartition: 3,
      originalOffset: "9001",
      errorClass: "com.shop.CardDeclined",
      errorMessage: "declined",
      wrapperClass: null,
      consumerGroup: "payment-service",
      errorStack: null,
      failedAt: "2026-11-23T09:59:59.000Z",
      stage: null,
      stageClass: null,
      connectorName: null,
      taskId: null,
    });
  });

  it("reads a wrapped DLQ body: ids from the original event, the error from final_error", () => {
    const value = Buffer.from(
      JSON.stringify({ original_event: seed, retry_count: 3, final_error: "timeout calling bank" }),
    );
    const event = decodeRecord(record({ topic: "payments-dlq", value }), options);
    expect(event.eventId).toBe("e-2");
    expect(event.correlationId).toBe("order-7");
    expect(event.dlq?.errorMessage).toBe("timeout calling bank");
  });
});
