import { createKafka } from "../lib/kafka/client";
import type { OrderOutcome } from "./events";
import { describeError, type Log } from "./log";
import {
  type RunningService,
  type ServiceDefinition,
  type ShopRuntime,
  startService,
} from "./service";
import { inventoryService } from "./services/inventory";
import { notificationService } from "./services/notification";
import { orderService, placeOrder, rollOutcome } from "./services/order";
import { paymentService } from "./services/payment";
import { shippingService } from "./services/shipping";
import { type ShopCounts, ShopStats } from "./stats";
import { ensureTopics } from "./topics";

/**
 * The demo shop: order → payment → inventory → shipping → notification, each a real kafkajs
 * consumer group, with declined cards, poison messages and duplicate deliveries along the way.
 */

export interface ShopOptions {
  brokers: string[];
  log: Log;
}

export interface Shop {
  /** Places one order (outcome rolled at the demo's rates unless given); its correlation id. */
  placeOrder(outcome?: OrderOutcome): Promise<string>;
  stats(): ShopCounts;
  /** Pauses a service's consumers (they stay in their groups), e.g. to watch lag build up. */
  pauseService(name: string): void;
  resumeService(name: string): void;
  stop(): Promise<void>;
}

const CONSUMING_SERVICES: readonly ServiceDefinition[] = [
  paymentService,
  inventoryService,
  shippingService,
  notificationService,
];

/** Resolves once every consumer group has joined, so an order placed next is processed. */
export async function startShop({ brokers, log }: ShopOptions): Promise<Shop> {
  const admin = createKafka(brokers, "demo-shop-admin").admin();
  await admin.connect();
  try {
    await ensureTopics(admin);
  } finally {
    await admin.disconnect();
  }

  const stats = new ShopStats();
  const runtime: ShopRuntime = { brokers, log, stats };
  const orders = await startService(orderService, runtime);
  const started = await Promise.allSettled(
    CONSUMING_SERVICES.map((definition) => startService(definition, runtime)),
  );
  const services: RunningService[] = [orders];
  for (const result of started) if (result.status === "fulfilled") services.push(result.value);
  const failure = started.find((result) => result.status === "rejected");
  if (failure) {
    await stopAll(services);
    throw failure.reason;
  }
  log("info", "shop started", { services: services.map((service) => service.name) });

  let stopping: Promise<void> | undefined;
  return {
    placeOrder: async (outcome = rollOutcome()) => {
      try {
        const correlationId = await placeOrder(orders.outbox, outcome);
        stats.orderPlaced(outcome);
        return correlationId;
      } catch (error) {
        log("error", "could not place an order", { outcome, error: describeError(error) });
        throw error;
      }
    },
    stats: () => stats.snapshot(),
    pauseService: (name) => serviceNamed(services, name).pause(),
    resumeService: (name) => serviceNamed(services, name).resume(),
    stop: () => {
      stopping ??= stopAll(services).then(() => log("info", "shop stopped"));
      return stopping;
    },
  };
}

function serviceNamed(services: readonly RunningService[], name: string): RunningService {
  const service = services.find((s) => s.name === name);
  if (!service) throw new Error(`the shop has no service named ${name}`);
  return service;
}

async function stopAll(services: readonly RunningService[]): Promise<void> {
  const results = await Promise.allSettled(services.map((service) => service.stop()));
  const failure = results.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
}
