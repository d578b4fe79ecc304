import { randomInt, randomUUID } from "node:crypto";
import { pick, WAREHOUSES } from "../catalog";
import { decodeEvent, followUp } from "../envelope";
import { type InventoryReserved, PaymentProcessed } from "../events";
import type { ServiceDefinition } from "../service";
import { Topics } from "../topics";

/** inventory-service: reserves the paid order's items in a warehouse. */
export const inventoryService: ServiceDefinition = {
  name: "inventory-service",
  listeners: (outbox) => [
    {
      groupId: "inventory-service",
      topic: Topics.payments,
      deadLetterTopic: Topics.paymentsDeadLetter,
      listenerFrame:
        "com.shop.inventory.PaymentProcessedListener.onMessage(PaymentProcessedListener.java:44)",
      handle: async (record) => {
        const { envelope, payload: payment } = decodeEvent(
          record,
          "PaymentProcessed",
          PaymentProcessed,
        );
        const reservation: InventoryReserved = {
          order_id: payment.order_id,
          customer_id: payment.customer_id,
          reservation_id: `res-${randomUUID().slice(0, 8)}`,
          warehouse: pick(WAREHOUSES),
          items: payment.items.map(({ sku, quantity }) => ({
            sku,
            quantity,
            bin: `${String.fromCharCode(65 + randomInt(6))}-${randomInt(1, 40)}-${randomInt(1, 6)}`,
          })),
          shipping_address: payment.shipping_address,
        };
        const reserved = followUp(envelope, "InventoryReserved", reservation);
        await outbox.publish(Topics.inventory, payment.order_id, reserved);
        if (payment.test_outcome === "duplicate") {
          // A producer retry after a lost acknowledgement: the same event written twice.
          await outbox.publish(Topics.inventory, payment.order_id, reserved);
        }
      },
    },
  ],
};
