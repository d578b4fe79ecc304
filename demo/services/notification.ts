import { randomUUID } from "node:crypto";
import { decodeEvent, followUp } from "../envelope";
import { type CustomerNotified, ShipmentScheduled } from "../events";
import type { ServiceDefinition } from "../service";
import { Topics } from "../topics";

/** notification-service: tells the customer their order is on its way; the end of the chain. */
export const notificationService: ServiceDefinition = {
  name: "notification-service",
  listeners: (outbox) => [
    {
      groupId: "notification-service",
      topic: Topics.shipments,
      deadLetterTopic: Topics.shipmentsDeadLetter,
      listenerFrame:
        "com.shop.notification.ShipmentScheduledListener.onMessage(ShipmentScheduledListener.java:36)",
      handle: async (record) => {
        const { envelope, payload: shipment } = decodeEvent(
          record,
          "ShipmentScheduled",
          ShipmentScheduled,
        );
        const notification: CustomerNotified = {
          order_id: shipment.order_id,
          customer_id: shipment.customer_id,
          notification_id: `ntf-${randomUUID().slice(0, 8)}`,
          channel: "email",
          template: "shipment-scheduled",
          tracking_number: shipment.tracking_number,
        };
        const notified = followUp(envelope, "CustomerNotified", notification);
        await outbox.publish(Topics.notifications, shipment.order_id, notified);
      },
    },
  ],
};
