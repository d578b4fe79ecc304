import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { createKafka } from "@/lib/kafka/client";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";
import { produceInOrder, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { ChainPage } from "./pages/chain-page";
import { waitForChain } from "./support/api";
import { expect, test } from "./support/fixtures";

/**
 * A shop that writes Avro through a schema registry: records in Confluent wire format, serialised
 * by the registry's own client library, decoded by the collector that npm test runs.
 */
const registryUrl = process.env.SCHEMA_REGISTRY_URL;
const topic = uniqueName("e2e-avro-orders");

const schema = JSON.stringify({
  type: "record",
  name: "ShopEvent",
  namespace: "shop",
  fields: [
    { name: "event_id", type: "string" },
    { name: "event_type", type: "string" },
    { name: "correlation_id", type: "string" },
    { name: "causation_id", type: ["null", "string"], default: null },
    { name: "producer", type: "string" },
    { name: "amount_cents", type: "long" },
  ],
});

test.afterAll(async () => {
  const admin = createKafka(testConfig({}).kafkaBrokers, "e2e-avro").admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

test("the chain of an Avro order is complete, with its parents", async ({ page }) => {
  test.skip(!registryUrl, "npm test runs a schema registry; this spec needs SCHEMA_REGISTRY_URL");
  const admin = createKafka(testConfig({}).kafkaBrokers, "e2e-avro").admin();
  await admin.connect();
  await createTopicsWithLeaders(admin, [{ topic, numPartitions: 1 }]);
  await admin.disconnect();
  const registry = new SchemaRegistry({ host: registryUrl ?? "" });
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema },
    { subject: `${topic}-value` },
  );
  const order = uniqueName("avro-order");
  const steps = [
    { type: "OrderPlaced", parent: null, producer: "order-service" },
    { type: "PaymentProcessed", parent: "OrderPlaced", producer: "payment-service" },
    { type: "OrderShipped", parent: "PaymentProcessed", producer: "shipping-service" },
  ];
  const eventId = (type: string) => `${order}-${type}`;
  const messages = await Promise.all(
    steps.map(async (step, i) => ({
      key: order,
      value: await registry.encode(id, {
        event_id: eventId(step.type),
        event_type: step.type,
        correlation_id: order,
        causation_id: step.parent === null ? null : eventId(step.parent),
        producer: step.producer,
        amount_cents: 1000 + i,
      }),
    })),
  );
  await produceInOrder({ topic, messages });

  const chain = await waitForChain(order, (c) => c.events.length === 3);
  expect(chain.events.map((e) => e.eventType).sort()).toEqual(steps.map((s) => s.type).sort());
  for (const event of chain.events) {
    expect(event.valueSchema).toMatchObject({ id, format: "avro", subject: `${topic}-value` });
  }
  // Every step but the first hangs off its parent: one root, an edge to each child.
  const idOf = (type: string) => chain.events.find((e) => e.eventType === type)?.id;
  expect(chain.roots).toEqual([idOf("OrderPlaced")]);
  expect(chain.edges.map(({ from, to }) => [from, to]).sort()).toEqual(
    [
      [idOf("OrderPlaced"), idOf("PaymentProcessed")],
      [idOf("PaymentProcessed"), idOf("OrderShipped")],
    ].sort(),
  );

  const chainPage = new ChainPage(page);
  await chainPage.open(order);
  await expect(chainPage.nodes).toHaveCount(3);
  await expect(page.getByTestId("missing-node")).toHaveCount(0);
  await chainPage.node(idOf("OrderShipped") ?? "").click();
  await expect(chainPage.detail).toContainText("OrderShipped");
  await expect(chainPage.detail).toContainText("shipping-service");
});
