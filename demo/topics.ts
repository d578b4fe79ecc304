import type { Admin } from "kafkajs";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";

/** Every topic the shop produces to. Created up front so no consumer races auto-creation. */
export const Topics = {
  orders: "orders",
  payments: "payments",
  inventory: "inventory",
  shipments: "shipments",
  notifications: "notifications",
  paymentsRetry: "payments.retry",
  ordersDeadLetter: "orders.DLQ",
  paymentsDeadLetter: "payments.DLQ",
  inventoryDeadLetter: "inventory.DLQ",
  shipmentsDeadLetter: "shipments.DLQ",
} as const;

const PARTITIONS = 3;

/** Creates the missing topics; safe to run while another shop is doing the same. */
export async function ensureTopics(admin: Admin): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = Object.values(Topics).filter((topic) => !existing.has(topic));
  if (missing.length === 0) return;
  await createTopicsWithLeaders(
    admin,
    missing.map((topic) => ({ topic, numPartitions: PARTITIONS })),
  );
}
