import { expect, test } from "./support/fixtures";
import { startShop, type Shop } from "@/demo/shop";
import { jsonLineLog } from "@/demo/log";
import { ChainPage } from "./pages/chain-page";
import { HomePage } from "./pages/home-page";
import { produceInOrder, uniqueName } from "@/lib/testing/real-stack";
import { waitForChain } from "./support/api";

const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
let shop: Shop;

test.beforeAll(async () => {
  shop = await startShop({ brokers, log: jsonLineLog(() => undefined) });
});

test.afterAll(async () => {
  await shop?.stop();
});

test("a demo order whose payment failed shows every event, the DLQ step, and details on click", async ({
  page,
}) => {
  const correlationId = await shop.placeOrder("payment-fails");
  // OrderPlaced, two attempts on payments.retry, and the copy on payments.DLQ.
  const chain = await waitForChain(
    correlationId,
    (c) => c.events.length >= 4 && c.stats.deadLettered === 1,
  );

  const home = new HomePage(page);
  await home.open();
  await home.searchCorrelationId(correlationId);
  await expect(page).toHaveURL(`/chains/${encodeURIComponent(correlationId)}`);

  const chainPage = new ChainPage(page);
  await expect(chainPage.nodes).toHaveCount(chain.events.length);
  for (const event of chain.events) await expect(chainPage.node(event.id)).toBeVisible();

  const deadLettered = chain.events.filter((e) => e.dlq !== null);
  await expect(chainPage.deadLetteredNodes()).toHaveCount(deadLettered.length);
  const [dlqEvent] = deadLettered;
  if (!dlqEvent?.dlq) throw new Error("the chain has no dead-lettered event");
  await expect(chainPage.node(dlqEvent.id)).toHaveAttribute("data-status", "dead-lettered");

  await chainPage.node(dlqEvent.id).click();
  await expect(chainPage.detail).toBeVisible();
  await expect(chainPage.detail).toContainText(dlqEvent.topic);
  await expect(chainPage.detail).toContainText(String(dlqEvent.dlq.errorClass));
  await expect(chainPage.detail).toContainText(String(dlqEvent.eventType));
});

test("a completed order shows the five services' events in causal order", async ({ page }) => {
  const correlationId = await shop.placeOrder("ok");
  const chain = await waitForChain(correlationId, (c) => c.events.length >= 5);
  expect(chain.roots).toHaveLength(1);
  expect(chain.edges).toHaveLength(4);

  await page.goto(`/chains/${encodeURIComponent(correlationId)}`);
  const chainPage = new ChainPage(page);
  await expect(chainPage.nodes).toHaveCount(5);
  await expect(chainPage.deadLetteredNodes()).toHaveCount(0);
  await expect(chainPage.timelineRows).toHaveCount(5);

  const last = chain.events.find((e) => e.eventType === "CustomerNotified");
  if (!last) throw new Error("the chain has no CustomerNotified event");
  await chainPage.node(last.id).click();
  await expect(chainPage.detail).toContainText("CustomerNotified");
  await expect(chainPage.detail).toContainText(last.topic);
});

test("an unknown correlation id says nothing is indexed instead of failing", async ({ page }) => {
  await page.goto(`/chains/${encodeURIComponent(`never-produced-${Date.now()}`)}`);
  await expect(page.getByText(/No events indexed/i)).toBeVisible();
});

test("a chain whose records name no causes says causation is unknown", async ({ page }) => {
  const correlationId = uniqueName("unknown-causes");
  const record = (eventId: string) => ({
    key: correlationId,
    partition: 0,
    value: JSON.stringify({ event_id: eventId, correlation_id: correlationId }),
  });
  await produceInOrder({ topic: uniqueName("e2e-unknown"), messages: [record("a"), record("b")] });
  await waitForChain(correlationId, (c) => c.events.length === 2);

  const chainPage = new ChainPage(page);
  await chainPage.open(correlationId);
  await expect(chainPage.nodes).toHaveCount(2);
  await expect(chainPage.causationUnknown).toContainText(
    "Causation unknown: no causation ids and no spans for this trace",
  );
});
