import { randomInt, randomUUID } from "node:crypto";
import { basketTotal, randomBasket, randomCard, randomCustomer } from "../catalog";
import { newEnvelope } from "../envelope";
import type { OrderOutcome, OrderPlaced } from "../events";
import type { Outbox } from "../outbox";
import type { ServiceDefinition } from "../service";
import { Topics } from "../topics";

/** order-service: the storefront. It only produces, and is the one place outcomes are rolled. */
export const orderService: ServiceDefinition = { name: "order-service", listeners: () => [] };

/** Per mille, so the rates read like the percentages they are. */
const OUTCOME_RATES: readonly [OrderOutcome, number][] = [
  ["payment-fails", 120],
  ["poison", 30],
  ["duplicate", 50],
];

export function rollOutcome(): OrderOutcome {
  let roll = randomInt(1000);
  for (const [outcome, rate] of OUTCOME_RATES) {
    if (roll < rate) return outcome;
    roll -= rate;
  }
  return "ok";
}

/** Produces one order to `orders` and returns its correlation id. */
export async function placeOrder(outbox: Outbox, outcome: OrderOutcome): Promise<string> {
  const orderId = randomUUID().replaceAll("-", "").slice(0, 12);
  const correlationId = `order-${orderId}`;
  if (outcome === "poison") {
    // What a buggy producer's legacy serializer would write: not JSON, but the ids are in headers.
    await outbox.send(Topics.orders, {
      key: orderId,
      value: `ORDER|${orderId}|broken`,
      headers: {
        "event-id": randomUUID(),
        "event-type": "OrderPlaced",
        "correlation-id": correlationId,
        service: outbox.service,
      },
    });
    return correlationId;
  }
  const items = randomBasket();
  const customer = randomCustomer();
  const order: OrderPlaced = {
    order_id: orderId,
    customer_id: customer.customer_id,
    items,
    total_amount: basketTotal(items),
    currency: "EUR",
    payment_method: randomCard(),
    shipping_address: customer.address,
    test_outcome: outcome,
  };
  await outbox.publish(
    Topics.orders,
    orderId,
    newEnvelope("OrderPlaced", correlationId, null, order),
  );
  return correlationId;
}
