import { createHash, randomInt, randomUUID } from "node:crypto";
import {
  CARRIERS,
  WAREHOUSES,
  basketTotal,
  digits,
  pick,
  randomBasket,
  randomCard,
  randomCustomer,
} from "@/demo/catalog";
import { deadLetterHeaders } from "@/demo/dead-letter";
import { type Envelope, envelopeHeaders, followUp, newEnvelope } from "@/demo/envelope";
import type { OrderLine } from "@/demo/events";
import { ConsumerFailure } from "@/demo/failures";

/**
 * Benchmark traffic shaped like the demo shop's: seed-style JSON envelopes with their ids
 * repeated as headers, five services, declined payments that go through a retry topic and end in
 * a DLQ with Spring Kafka's dead-letter headers (stack trace included), and the odd large basket.
 */

export type BenchTopics = {
  orders: string;
  payments: string;
  inventory: string;
  shipments: string;
  notifications: string;
  paymentsRetry: string;
  paymentsDeadLetter: string;
};

export function benchTopics(run: string): BenchTopics {
  return {
    orders: `${run}.orders`,
    payments: `${run}.payments`,
    inventory: `${run}.inventory`,
    shipments: `${run}.shipments`,
    notifications: `${run}.notifications`,
    paymentsRetry: `${run}.payments.retry`,
    paymentsDeadLetter: `${run}.payments.DLQ`,
  };
}

export type BenchRecord = {
  topic: string;
  partition: number;
  key: string;
  value: string;
  headers: Record<string, string>;
  /** Kafka record timestamp, ms since the epoch as a decimal string (kafkajs's form). */
  timestamp: string;
  eventId: string;
};

export type TrafficShape = {
  partitions: number;
  /** Share of orders whose payment is declined: two retries, then a dead letter. */
  declinedShare: number;
  /** Share of orders with a basket of many lines, so some records are a few KiB. */
  largeBasketShare: number;
};

export const defaultShape: TrafficShape = {
  partitions: 3,
  declinedShare: 0.08,
  largeBasketShare: 0.05,
};

const RETRY_ATTEMPTS = 2;

/** Records of one order's chain, in the order the shop would produce them. */
export function orderChain(topics: BenchTopics, shape: TrafficShape): BenchRecord[] {
  const orderId = `ord-${randomUUID().slice(0, 13)}`;
  const partition = partitionFor(orderId, shape.partitions);
  const records: BenchRecord[] = [];
  const emit = (topic: string, envelope: Envelope, service: string) => {
    records.push({
      topic,
      partition,
      key: orderId,
      value: JSON.stringify(envelope),
      headers: envelopeHeaders(envelope, service),
      timestamp: String(Date.now()),
      eventId: envelope.event_id,
    });
    return envelope;
  };

  const customer = randomCustomer();
  const items = Math.random() < shape.largeBasketShare ? largeBasket() : randomBasket();
  const declined = Math.random() < shape.declinedShare;
  const order = {
    order_id: orderId,
    customer_id: customer.customer_id,
    items,
    total_amount: basketTotal(items),
    currency: "EUR",
    payment_method: randomCard(),
    shipping_address: customer.address,
    test_outcome: declined ? "payment-fails" : "ok",
  };
  const placed = emit(
    topics.orders,
    newEnvelope("OrderPlaced", orderId, null, order),
    "order-service",
  );

  if (declined) {
    const first = records[0];
    if (!first) throw new Error("the order record was not emitted");
    for (let attempt = 1; attempt <= RETRY_ATTEMPTS; attempt += 1) {
      records.push(retryOf(first, topics.paymentsRetry, attempt));
    }
    records.push(deadLetterOf(first, topics.paymentsDeadLetter, order.payment_method.last4));
    return records;
  }

  const payment = emit(
    topics.payments,
    followUp(placed, "PaymentProcessed", {
      order_id: orderId,
      customer_id: customer.customer_id,
      payment_id: `pay_${randomUUID().replaceAll("-", "").slice(0, 16)}`,
      amount: order.total_amount,
      currency: order.currency,
      authorization_code: digits(6),
      items,
      shipping_address: customer.address,
      test_outcome: order.test_outcome,
    }),
    "payment-service",
  );
  const warehouse = pick(WAREHOUSES);
  const reserved = emit(
    topics.inventory,
    followUp(payment, "InventoryReserved", {
      order_id: orderId,
      customer_id: customer.customer_id,
      reservation_id: `res-${randomUUID().slice(0, 8)}`,
      warehouse,
      items: items.map((line) => ({ sku: line.sku, quantity: line.quantity, bin: binCode() })),
      shipping_address: customer.address,
    }),
    "inventory-service",
  );
  const carrier = pick(CARRIERS);
  const tracking = `${carrier.prefix}${digits(10)}`;
  const shipped = emit(
    topics.shipments,
    followUp(reserved, "ShipmentScheduled", {
      order_id: orderId,
      customer_id: customer.customer_id,
      shipment_id: `shp-${randomUUID().slice(0, 8)}`,
      carrier: carrier.carrier,
      service_level: carrier.service_level,
      tracking_number: tracking,
      ship_from: warehouse,
      ship_to: customer.address,
      estimated_delivery: new Date(Date.now() + carrier.days * 86_400_000)
        .toISOString()
        .slice(0, 10),
    }),
    "shipping-service",
  );
  emit(
    topics.notifications,
    followUp(shipped, "CustomerNotified", {
      order_id: orderId,
      customer_id: customer.customer_id,
      notification_id: `ntf-${randomUUID().slice(0, 8)}`,
      channel: Math.random() < 0.8 ? "email" : "sms",
      template: "order-shipped-v3",
      tracking_number: tracking,
    }),
    "notification-service",
  );
  return records;
}

/** Whole order chains until at least `count` records; the last chain is cut to fit exactly. */
export function generateRecords(
  count: number,
  topics: BenchTopics,
  shape: TrafficShape,
): BenchRecord[] {
  const records: BenchRecord[] = [];
  while (records.length < count) records.push(...orderChain(topics, shape));
  return records.slice(0, count);
}

export function allTopics(topics: BenchTopics): string[] {
  return Object.values(topics);
}

/** A stable partition per order id, so one order's events share a partition in every topic. */
export function partitionFor(key: string, partitions: number): number {
  return createHash("md5").update(key).digest().readUInt32BE(0) % partitions;
}

function retryOf(record: BenchRecord, topic: string, attempt: number): BenchRecord {
  return {
    ...record,
    topic,
    timestamp: String(Date.now()),
    headers: {
      ...record.headers,
      "retry-attempt": String(attempt),
      "retry-original-topic": record.topic,
      "retry-original-partition": String(record.partition),
      "retry-original-timestamp": record.timestamp,
    },
  };
}

function deadLetterOf(record: BenchRecord, topic: string, last4: string): BenchRecord {
  const failure = new ConsumerFailure(
    "com.shop.payment.CardDeclinedException",
    `Card declined by issuer: do_not_honor (card ending ${last4}, order ${record.key}, attempt ${RETRY_ATTEMPTS})`,
    [
      "com.shop.payment.gateway.CardGatewayClient.authorize(CardGatewayClient.java:112)",
      "com.shop.payment.PaymentService.capture(PaymentService.java:67)",
    ],
  );
  const origin = {
    topic: record.topic,
    partition: record.partition,
    // The bench does not know the original offset before producing; a plausible one will do.
    offset: String(randomInt(1_000_000)),
    timestamp: record.timestamp,
    consumerGroup: "payment-service",
  };
  return {
    ...record,
    topic,
    timestamp: String(Date.now()),
    headers: {
      ...record.headers,
      ...deadLetterHeaders(
        origin,
        failure,
        "com.shop.payment.PaymentRetryListener.onMessage(PaymentRetryListener.java:51)",
      ),
    },
  };
}

function largeBasket(): OrderLine[] {
  const lines: OrderLine[] = [];
  const target = 10 + randomInt(15);
  while (lines.length < target) lines.push(...randomBasket());
  return lines.slice(0, target);
}

function binCode(): string {
  return `${String.fromCharCode(65 + randomInt(6))}-${digits(2)}-${digits(2)}`;
}
