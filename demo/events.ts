import { z } from "zod";

/**
 * The payloads of the shop's events. Each order carries its scripted outcome (`test_outcome`)
 * so downstream services act on it deterministically; only order-service rolls dice.
 */
export const OrderOutcome = z.enum(["ok", "payment-fails", "poison", "duplicate"]);
export type OrderOutcome = z.infer<typeof OrderOutcome>;

const Amount = z.number().nonnegative();

export const OrderLine = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().positive(),
  unit_price: Amount,
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Address = z.object({
  street: z.string(),
  city: z.string(),
  postal_code: z.string(),
  country: z.string().length(2),
});
export type Address = z.infer<typeof Address>;

export const OrderPlaced = z.object({
  order_id: z.string(),
  customer_id: z.string(),
  items: z.array(OrderLine).min(1),
  total_amount: Amount,
  currency: z.string().length(3),
  payment_method: z.object({ type: z.literal("card"), brand: z.string(), last4: z.string() }),
  shipping_address: Address,
  test_outcome: OrderOutcome,
});
export type OrderPlaced = z.infer<typeof OrderPlaced>;

export const PaymentProcessed = z.object({
  order_id: z.string(),
  customer_id: z.string(),
  payment_id: z.string(),
  amount: Amount,
  currency: z.string().length(3),
  authorization_code: z.string(),
  items: z.array(OrderLine).min(1),
  shipping_address: Address,
  test_outcome: OrderOutcome,
});
export type PaymentProcessed = z.infer<typeof PaymentProcessed>;

export const InventoryReserved = z.object({
  order_id: z.string(),
  customer_id: z.string(),
  reservation_id: z.string(),
  warehouse: z.string(),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int(), bin: z.string() })),
  shipping_address: Address,
});
export type InventoryReserved = z.infer<typeof InventoryReserved>;

export const ShipmentScheduled = z.object({
  order_id: z.string(),
  customer_id: z.string(),
  shipment_id: z.string(),
  carrier: z.string(),
  service_level: z.string(),
  tracking_number: z.string(),
  ship_from: z.string(),
  ship_to: Address,
  estimated_delivery: z.iso.date(),
});
export type ShipmentScheduled = z.infer<typeof ShipmentScheduled>;

export const CustomerNotified = z.object({
  order_id: z.string(),
  customer_id: z.string(),
  notification_id: z.string(),
  channel: z.enum(["email", "sms"]),
  template: z.string(),
  tracking_number: z.string(),
});
export type CustomerNotified = z.infer<typeof CustomerNotified>;
