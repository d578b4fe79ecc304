import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { loadConfig } from "../lib/config/config";
import { createKafka } from "../lib/kafka/client";
import { Envelope } from "./envelope";
import { OrderOutcome } from "./events";
import type { Log } from "./log";
import type { ConsumedRecord } from "./record";
import { type Shop, startShop } from "./shop";
import { startTopicRecorder, type TopicRecorder } from "./testing/topic-recorder";
import { Topics } from "./topics";

const { kafkaBrokers } = loadConfig(process.env);
// After the last expected record, how long to keep listening for records that should not come.
const SETTLE_MS = 1_500;

const FLOW = [
  { topic: Topics.orders, eventType: "OrderPlaced", service: "order-service" },
  { topic: Topics.payments, eventType: "PaymentProcessed", service: "payment-service" },
  { topic: Topics.inventory, eventType: "InventoryReserved", service: "inventory-service" },
  { topic: Topics.shipments, eventType: "ShipmentScheduled", service: "shipping-service" },
  { topic: Topics.notifications, eventType: "CustomerNotified", service: "notification-service" },
] as const;

describe("demo shop on the real broker", () => {
  let shop: Shop | undefined;
  let recorder: TopicRecorder | undefined;
  const problems: string[] = [];
  const log: Log = (level, msg, fields) => {
    if (level !== "info") problems.push(`${level}: ${msg} ${JSON.stringify(fields)}`);
  };
  const correlationIds = new Map<OrderOutcome, string>();

  beforeAll(async () => {
    shop = await startShop({ brokers: kafkaBrokers, log });
    recorder = await startTopicRecorder(
      createKafka(kafkaBrokers, "demo-shop-test"),
      Object.values(Topics),
    );
    for (const outcome of OrderOutcome.options) {
      correlationIds.set(outcome, await shop.placeOrder(outcome));
    }
  });

  afterAll(async () => {
    await recorder?.stop();
    await shop?.stop();
  });

  /** Waits for the record that ends the order's story, then for strays, and returns all. */
  async function storyOf(outcome: OrderOutcome, lastTopic: string): Promise<ConsumedRecord[]> {
    const correlationId = correlationIds.get(outcome);
    if (!recorder || !correlationId) throw new Error("the shop did not start");
    await recorder.waitFor(correlationId, `a record on ${lastTopic}`, (records) =>
      records.some((record) => record.topic === lastTopic),
    );
    await sleep(SETTLE_MS);
    return recorder.recordsOf(correlationId);
  }

  it("carries an ok order through all five services, each event caused by the one before", async () => {
    const records = await storyOf("ok", Topics.notifications);
    const correlationId = correlationIds.get("ok");
    expect(records.map((r) => r.topic).sort()).toEqual(FLOW.map((step) => step.topic).sort());

    const events = FLOW.map((step) => {
      const record = only(records, step.topic);
      const envelope = Envelope.parse(JSON.parse(String(record.value)));
      expect(envelope.event_type).toBe(step.eventType);
      expect(envelope.correlation_id).toBe(correlationId);
      expect(record.key).toBe(correlationId?.replace(/^order-/, ""));
      expect(record.headers).toMatchObject({
        "event-id": envelope.event_id,
        "event-type": step.eventType,
        "correlation-id": correlationId,
        service: step.service,
      });
      expect(record.headers["causation-id"]).toBe(envelope.causation_id ?? undefined);
      return envelope;
    });
    expect(events[0]?.causation_id).toBeNull();
    for (let i = 1; i < events.length; i++) {
      expect(events[i]?.causation_id).toBe(events[i - 1]?.event_id);
    }
  });

  it("retries a declined payment twice, then dead-letters the original order", async () => {
    const records = await storyOf("payment-fails", Topics.paymentsDeadLetter);
    expect(records.map((r) => r.topic).sort()).toEqual(
      [Topics.orders, Topics.paymentsRetry, Topics.paymentsRetry, Topics.paymentsDeadLetter].sort(),
    );
    const order = only(records, Topics.orders);
    const retries = records.filter((r) => r.topic === Topics.paymentsRetry);
    expect(retries.map((r) => r.headers["retry-attempt"]).sort()).toEqual(["1", "2"]);
    for (const retry of [...retries, only(records, Topics.paymentsDeadLetter)]) {
      expect(retry.value).toEqual(order.value);
      expect(retry.key).toBe(order.key);
      expect(retry.headers).toMatchObject(order.headers);
    }
    const deadLetter = only(records, Topics.paymentsDeadLetter);
    expect(deadLetter.headers).toMatchObject({
      "kafka_dlt-original-topic": Topics.orders,
      "kafka_dlt-original-partition": String(order.partition),
      "kafka_dlt-original-offset": order.offset,
      "kafka_dlt-original-timestamp": order.timestamp,
      "kafka_dlt-original-consumer-group": "payment-service",
      "kafka_dlt-exception-fqcn": "com.shop.payment.CardDeclinedException",
    });
    expect(deadLetter.headers["kafka_dlt-exception-message"]).toMatch(/declined/);
    expect(deadLetter.headers["kafka_dlt-exception-stacktrace"]).toMatch(
      /^com\.shop\.payment\.CardDeclinedException: .+\n\tat com\.shop\./,
    );
  });

  it("dead-letters a poison order without stopping payment-service", async () => {
    const records = await storyOf("poison", Topics.ordersDeadLetter);
    expect(records.map((r) => r.topic).sort()).toEqual(
      [Topics.orders, Topics.ordersDeadLetter].sort(),
    );
    const poison = only(records, Topics.orders);
    expect(() => JSON.parse(String(poison.value))).toThrow();
    expect(String(poison.value)).toMatch(/^ORDER\|.+\|broken$/);
    expect(poison.headers["event-id"]).toBeDefined();

    const deadLetter = only(records, Topics.ordersDeadLetter);
    expect(deadLetter.value).toEqual(poison.value);
    expect(deadLetter.headers).toMatchObject({
      ...poison.headers,
      "kafka_dlt-original-topic": Topics.orders,
      "kafka_dlt-original-partition": String(poison.partition),
      "kafka_dlt-original-offset": poison.offset,
      "kafka_dlt-original-consumer-group": "payment-service",
      "kafka_dlt-exception-fqcn": "com.fasterxml.jackson.core.JsonParseException",
    });
    expect(
      deadLetter.headers["kafka_dlt-exception-stacktrace"]?.split("\n").length,
    ).toBeGreaterThan(5);
  });

  it("delivers InventoryReserved twice with the same event id, and ships once", async () => {
    const records = await storyOf("duplicate", Topics.notifications);
    const reservations = records.filter((r) => r.topic === Topics.inventory);
    expect(reservations).toHaveLength(2);
    const [first, second] = reservations;
    expect(second?.value).toEqual(first?.value);
    expect(second?.headers["event-id"]).toBe(first?.headers["event-id"]);
    for (const step of FLOW.filter((s) => s.topic !== Topics.inventory)) only(records, step.topic);
  });

  it("logged no unexpected failures", () => {
    expect(problems).toEqual([]);
  });
});

function only(records: ConsumedRecord[], topic: string): ConsumedRecord {
  const onTopic = records.filter((record) => record.topic === topic);
  expect(onTopic, `records on ${topic}`).toHaveLength(1);
  const [record] = onTopic;
  if (!record) throw new Error(`no record on ${topic}`);
  return record;
}
