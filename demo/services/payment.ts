import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { digits } from "../catalog";
import { type RecordOrigin, originOf } from "../dead-letter";
import { decodeEvent, type Envelope, followUp } from "../envelope";
import { OrderPlaced, type PaymentProcessed } from "../events";
import { ConsumerFailure } from "../failures";
import type { Outbox } from "../outbox";
import type { ConsumedRecord } from "../record";
import type { ServiceDefinition } from "../service";
import type { ShopStats } from "../stats";
import { Topics } from "../topics";

/**
 * payment-service: charges the card of each order. A declined card goes through
 * `payments.retry` (non-blocking retries, as Spring Kafka does them) and, after the last
 * attempt, to `payments.DLQ`; the order's chain then stops.
 */

const GROUP = "payment-service";
const RETRY_GROUP = "payment-service-retry";
const RETRY_ATTEMPTS = 2;
const RETRY_BACKOFF_MS = 1_000;

// Retry records are the consumed record unchanged plus these; the original coordinates let the
// last attempt's dead letter point at the record on `orders` rather than at a retry record.
const RetryHeader = {
  attempt: "retry-attempt",
  topic: "retry-original-topic",
  partition: "retry-original-partition",
  offset: "retry-original-offset",
  timestamp: "retry-original-timestamp",
} as const;

export const paymentService: ServiceDefinition = {
  name: "payment-service",
  listeners: (outbox, stats) => [
    {
      groupId: GROUP,
      topic: Topics.orders,
      deadLetterTopic: Topics.ordersDeadLetter,
      listenerFrame: "com.shop.payment.OrderPlacedListener.onMessage(OrderPlacedListener.java:38)",
      handle: async (record) => {
        const order = decodeEvent(record, "OrderPlaced", OrderPlaced);
        if (isDeclined(order.payload)) {
          await scheduleRetry(outbox, stats, record, 1, originOf(record, GROUP));
          return;
        }
        await recordPayment(outbox, order.envelope, order.payload);
      },
    },
    {
      groupId: RETRY_GROUP,
      topic: Topics.paymentsRetry,
      deadLetterTopic: Topics.paymentsDeadLetter,
      listenerFrame:
        "com.shop.payment.PaymentRetryListener.onMessage(PaymentRetryListener.java:51)",
      origin: retryOrigin,
      handle: async (record) => {
        await sleep(Math.max(0, Number(record.timestamp) + RETRY_BACKOFF_MS - Date.now()));
        const order = decodeEvent(record, "OrderPlaced", OrderPlaced);
        const attempt = Number(record.headers[RetryHeader.attempt] ?? RETRY_ATTEMPTS);
        if (!isDeclined(order.payload)) {
          await recordPayment(outbox, order.envelope, order.payload);
        } else if (attempt < RETRY_ATTEMPTS) {
          await scheduleRetry(outbox, stats, record, attempt + 1, retryOrigin(record));
        } else {
          throw cardDeclined(order.payload, attempt);
        }
      },
    },
  ],
};

function isDeclined(order: OrderPlaced): boolean {
  return order.test_outcome === "payment-fails";
}

async function recordPayment(outbox: Outbox, cause: Envelope, order: OrderPlaced): Promise<void> {
  const payment: PaymentProcessed = {
    order_id: order.order_id,
    customer_id: order.customer_id,
    payment_id: `pay_${randomUUID().replaceAll("-", "").slice(0, 16)}`,
    amount: order.total_amount,
    currency: order.currency,
    authorization_code: digits(6),
    items: order.items,
    shipping_address: order.shipping_address,
    test_outcome: order.test_outcome,
  };
  await outbox.publish(
    Topics.payments,
    order.order_id,
    followUp(cause, "PaymentProcessed", payment),
  );
}

async function scheduleRetry(
  outbox: Outbox,
  stats: ShopStats,
  record: ConsumedRecord,
  attempt: number,
  origin: RecordOrigin,
): Promise<void> {
  await outbox.send(Topics.paymentsRetry, {
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      [RetryHeader.attempt]: String(attempt),
      [RetryHeader.topic]: origin.topic,
      [RetryHeader.partition]: String(origin.partition),
      [RetryHeader.offset]: origin.offset,
      [RetryHeader.timestamp]: origin.timestamp,
    },
  });
  stats.retryScheduled();
}

/** The record on `orders` behind a retry record; the retry record itself if headers are missing. */
function retryOrigin(record: ConsumedRecord): RecordOrigin {
  const h = record.headers;
  const topic = h[RetryHeader.topic];
  const partition = Number(h[RetryHeader.partition]);
  const offset = h[RetryHeader.offset];
  const timestamp = h[RetryHeader.timestamp];
  if (!topic || !Number.isInteger(partition) || !offset || !timestamp) {
    return originOf(record, RETRY_GROUP);
  }
  return { topic, partition, offset, timestamp, consumerGroup: GROUP };
}

function cardDeclined(order: OrderPlaced, attempt: number): ConsumerFailure {
  const card = order.payment_method;
  return new ConsumerFailure(
    "com.shop.payment.CardDeclinedException",
    `Card declined by issuer: do_not_honor (${card.brand} ending ${card.last4}, ` +
      `order ${order.order_id}, ${order.total_amount.toFixed(2)} ${order.currency}, attempt ${attempt})`,
    [
      "com.shop.payment.gateway.CardGatewayClient.authorize(CardGatewayClient.java:112)",
      "com.shop.payment.PaymentService.capture(PaymentService.java:67)",
    ],
  );
}
