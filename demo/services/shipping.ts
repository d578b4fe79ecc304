import { randomUUID } from "node:crypto";
import { CARRIERS, digits, pick } from "../catalog";
import { decodeEvent, followUp } from "../envelope";
import { InventoryReserved, type ShipmentScheduled } from "../events";
import type { ServiceDefinition } from "../service";
import { Topics } from "../topics";

/**
 * shipping-service: books a carrier for each reservation. It is an idempotent consumer, so a
 * duplicated InventoryReserved shows up in the chain without shipping the order twice.
 */

const REMEMBERED_EVENT_IDS = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const shippingService: ServiceDefinition = {
  name: "shipping-service",
  listeners: (outbox) => {
    const handled = new RecentIds(REMEMBERED_EVENT_IDS);
    return [
      {
        groupId: "shipping-service",
        topic: Topics.inventory,
        deadLetterTopic: Topics.inventoryDeadLetter,
        listenerFrame:
          "com.shop.shipping.InventoryReservedListener.onMessage(InventoryReservedListener.java:40)",
        handle: async (record) => {
          const { envelope, payload: reservation } = decodeEvent(
            record,
            "InventoryReserved",
            InventoryReserved,
          );
          if (!handled.add(envelope.event_id)) return;
          const route = pick(CARRIERS);
          const shipment: ShipmentScheduled = {
            order_id: reservation.order_id,
            customer_id: reservation.customer_id,
            shipment_id: `shp-${randomUUID().slice(0, 8)}`,
            carrier: route.carrier,
            service_level: route.service_level,
            tracking_number: `${route.prefix}${digits(10)}`,
            ship_from: reservation.warehouse,
            ship_to: reservation.shipping_address,
            estimated_delivery: new Date(Date.now() + route.days * DAY_MS)
              .toISOString()
              .slice(0, 10),
          };
          const scheduled = followUp(envelope, "ShipmentScheduled", shipment);
          await outbox.publish(Topics.shipments, reservation.order_id, scheduled);
        },
      },
    ];
  },
};

/** The last `capacity` ids seen; `add` is false for an id already among them. */
class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
