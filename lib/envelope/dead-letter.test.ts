import { describe, expect, it } from "vitest";
import { isAttempt } from "../chain/topics";
import { deadLetters } from "../testing/envelope-fixtures";
import { decodeRecord } from "./decode";
import { rawRecord, testOptions } from "./test-record";

const decode = (fixture: Parameters<typeof rawRecord>[0], topic: string) =>
  decodeRecord(rawRecord(fixture, topic), testOptions);

const springStack = expect.stringContaining("PaymentListener.onMessage") as unknown;

/** The Kafka record timestamp of `rawRecord`: a dead letter's failure time when none is given. */
const recordTime = "2026-11-23T09:59:59.000Z";
const notConnect = { stage: null, stageClass: null, connectorName: null, taskId: null };

describe("dead letters", () => {
  it("reads Spring Kafka kafka_dlt-* headers, binary numbers, stack trace and attempts", () => {
    const event = decode(deadLetters.springDlt, "payments-dlt");
    expect(event.dlq).toEqual({
      originalTopic: "payments",
      originalPartition: 3,
      originalOffset: "9001",
      errorClass: "com.shop.payment.CardDeclinedException",
      errorMessage: "card declined",
      wrapperClass: null,
      consumerGroup: "payment-service",
      errorStack: springStack,
      failedAt: recordTime,
      ...notConnect,
    });
    // Spring wrote 4: the attempt the record would have been; three were made.
    expect(event.attempt).toBe(3);
    expect(event.eventId).toBe("e-2");
  });

  it("reads Spring's kafka_exception-* / kafka_original-* variant on any topic", () => {
    const event = decode(deadLetters.springException, "payments");
    expect(event.dlq).toEqual({
      originalTopic: "payments",
      originalPartition: 1,
      originalOffset: "77",
      errorClass: "org.springframework.kafka.support.serializer.DeserializationException",
      errorMessage: "failed to deserialize",
      wrapperClass: null,
      consumerGroup: "payment-service",
      errorStack: springStack,
      failedAt: recordTime,
      ...notConnect,
    });
  });

  it.each(["payments-retry", "payments-retry-0", "payments-retry-5000"])(
    "treats a Spring record on %s as an attempt, not a dead letter",
    (topic) => {
      const event = decode(deadLetters.springRetry, topic);
      expect(event.dlq).toBeNull();
      expect(event.attempt).toBe(2);
      expect(isAttempt(event)).toBe(true);
    },
  );

  it("takes the attempt from the last of the retry_topic-attempts Spring appends on every hop", () => {
    const int32 = (n: number) => Buffer.from([0, 0, 0, n]);
    const event = decodeRecord(
      {
        ...rawRecord(deadLetters.springDlt, "payments-dlt"),
        headers: {
          "kafka_dlt-original-topic": "payments",
          "retry_topic-attempts": [int32(2), int32(3), int32(4)],
        },
      },
      testOptions,
    );
    expect(event.attempt).toBe(3);
    expect(event.headers.filter((h) => h.key === "retry_topic-attempts")).toHaveLength(3);
  });

  it("reads the attempt count older Spring versions wrote as a one-byte BigInteger", () => {
    const fixture = {
      ...deadLetters.springRetry,
      headers: { ...deadLetters.springRetry.headers, "retry_topic-attempts": Buffer.from([3]) },
    };
    expect(decode(fixture, "payments-retry").attempt).toBe(3);
  });

  it("counts a record with an attempt header as an attempt whatever its topic", () => {
    const event = decode(deadLetters.springRetry, "payments-again");
    expect(isAttempt(event)).toBe(true);
  });

  it("reads Kafka Connect __connect.errors.* headers", () => {
    const event = decode(deadLetters.connect, "connect-errors");
    expect(event.dlq).toEqual({
      originalTopic: "orders",
      originalPartition: 0,
      originalOffset: "1234",
      errorClass: "org.apache.kafka.connect.errors.DataException",
      errorMessage: "Converting byte[] to Kafka Connect data failed",
      wrapperClass: null,
      consumerGroup: "connect-orders-jdbc-sink",
      errorStack: expect.stringContaining("JsonConverter.toConnectData") as unknown,
      failedAt: recordTime,
      stage: "VALUE_CONVERTER",
      stageClass: "org.apache.kafka.connect.json.JsonConverter",
      connectorName: "orders-jdbc-sink",
      taskId: 0,
    });
  });

  it("reads MassTransit MT-Fault-* headers, its retry count and the faulted envelope", () => {
    const event = decode(deadLetters.massTransitFault, "billing_error");
    expect(event.dlq).toEqual({
      originalTopic: "charge-card",
      originalPartition: null,
      originalOffset: null,
      errorClass: "System.TimeoutException",
      errorMessage: "The payment gateway did not answer in time",
      wrapperClass: null,
      consumerGroup: "Shop.Billing.ChargeCardConsumer",
      errorStack: expect.stringContaining("ChargeCardConsumer.cs:line 42") as unknown,
      failedAt: "2026-11-23T09:59:59.500Z",
      ...notConnect,
    });
    expect(event.attempt).toBe(3);
    expect(event.envelope).toBe("masstransit");
  });

  it("reads NServiceBus fault headers, failure time in its wire format", () => {
    const event = decode(deadLetters.nServiceBusFault, "error");
    expect(event.dlq).toMatchObject({
      originalTopic: "Shop.Billing",
      errorClass: "System.InvalidOperationException",
      errorMessage: "Order 7 is already billed",
      consumerGroup: "Shop.Billing",
      failedAt: "2026-11-23T09:59:59.250Z",
    });
    expect(event.envelope).toBe("nservicebus");
  });

  it("reads a wrapped body: ids from original_event, the failure from final_error", () => {
    const event = decode(deadLetters.wrapped, "payments-dlq");
    expect(event).toMatchObject({
      envelope: "seed-json",
      eventId: "e-2",
      correlationId: "order-7",
      attempt: 4,
      payload: { amount: 12.5 },
    });
    expect(event.dlq).toEqual({
      originalTopic: "payments",
      originalPartition: null,
      originalOffset: null,
      errorClass: "GatewayTimeout",
      errorMessage: "timeout calling bank",
      wrapperClass: null,
      consumerGroup: null,
      errorStack: expect.stringContaining("payments.js:12:9") as unknown,
      failedAt: "2026-11-23T09:59:59.900Z",
      ...notConnect,
    });
  });

  it("marks a record as a dead letter by its topic name alone, failed when it was written", () => {
    const event = decode(deadLetters.topicOnly, "billing.dead-letter");
    expect(event.dlq).toEqual({
      originalTopic: null,
      originalPartition: null,
      originalOffset: null,
      errorClass: null,
      errorMessage: null,
      wrapperClass: null,
      consumerGroup: null,
      errorStack: null,
      failedAt: recordTime,
      ...notConnect,
    });
    expect(event.attempt).toBeNull();
  });

  it("leaves an ordinary record without dead-letter data or attempt", () => {
    const event = decode(deadLetters.topicOnly, "payments");
    expect(event.dlq).toBeNull();
    expect(event.attempt).toBeNull();
    expect(isAttempt(event)).toBe(false);
  });
});

describe("dead-letter values Elasticsearch could not store", () => {
  it("drops an offset, partition or attempt out of range instead of producing a rejected document", () => {
    const value = JSON.stringify({
      original_event: { event_id: "e-1" },
      original_partition: "-3",
      original_offset: "99999999999999999999",
      retry_count: 2 ** 40,
      final_error: "boom",
      failed_at: "+275000-01-01T00:00:00Z",
    });
    const event = decodeRecord(
      rawRecord({ key: null, value, headers: {} }, "payments-dlq"),
      testOptions,
    );
    expect(event.dlq).toMatchObject({
      originalPartition: null,
      originalOffset: null,
      errorMessage: "boom",
      // Out of range: the DLQ record's own time stands in.
      failedAt: recordTime,
    });
    expect(event.attempt).toBeNull();
  });
});
