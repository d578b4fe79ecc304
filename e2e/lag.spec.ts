import { expect, test } from "./support/fixtures";
import { jsonLineLog } from "@/demo/log";
import { startShop, type Shop } from "@/demo/shop";
import { createKafka } from "@/lib/kafka/client";
import { startStoppedGroup } from "@/lib/testing/lag-fixtures";
import { GroupLagPage, LagPage } from "./pages/lag-page";
import { waitForChain } from "./support/api";

const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
let stopped: Awaited<ReturnType<typeof startStoppedGroup>>;

test.beforeAll(async () => {
  stopped = await startStoppedGroup(createKafka(brokers, "lag-e2e"));
});

test.afterAll(async () => {
  await stopped?.cleanup();
});

test("a stopped group turns STOP on /lag without a reload, explains why on hover, and charts per partition", async ({
  page,
}) => {
  const lag = new LagPage(page);
  await lag.open();
  const row = lag.row(stopped.group, stopped.topic);
  // The page refreshes itself: the row appears and turns STOP while the page stays open.
  await expect(lag.status(row)).toHaveAttribute("data-status", "STOP", { timeout: 90_000 });
  await expect(row).toContainText("0 · Empty");
  await expect(row.getByTestId("lag-sparkline").locator("canvas")).toBeVisible();

  await lag.status(row).hover();
  await expect(lag.status(row).getByRole("tooltip")).toBeVisible();
  await expect(lag.status(row).getByRole("tooltip")).toContainText("has not moved");

  await row.getByRole("link", { name: stopped.group }).click();
  await expect(page).toHaveURL(`/lag/${encodeURIComponent(stopped.group)}`);
  const detail = new GroupLagPage(page);
  await expect(detail.chart).toBeVisible();
  await expect(detail.partitionRows).toHaveCount(2);
  await expect(detail.problemPartitions.first()).toBeVisible();
  await expect(detail.chart.locator("canvas")).toBeVisible();
  await expect(detail.legendPartitions()).toHaveCount(2);
  await detail.legendPartitions().first().click();
  await expect(detail.legendPartitions().first()).toHaveClass(/u-off/);
  await expect(detail.legendPartitions().nth(1)).not.toHaveClass(/u-off/);
  await expect(detail.chart).toHaveAttribute("data-x-max", /\d/);
  const before = await detail.shownRange();
  await detail.dragMiddle();
  await expect
    .poll(async () => {
      const after = await detail.shownRange();
      return after.min > before.min && after.max < before.max;
    })
    .toBe(true);
  await detail.showSeconds();
  await expect(detail.chart).toHaveAttribute("data-metric", "lagSeconds");
  await detail.range("1h").click();
  await expect(page).toHaveURL(/range=1h/);
  await expect(detail.chart).toBeVisible();
});

test.describe("chain page", () => {
  let shop: Shop;
  test.beforeAll(async () => {
    shop = await startShop({ brokers, log: jsonLineLog(() => undefined) });
  });
  test.afterAll(async () => {
    await shop?.stop();
  });

  test("shows each group's lag on the chain's topics at the event and now", async ({ page }) => {
    const correlationId = await shop.placeOrder("ok");
    await waitForChain(correlationId, (c) => c.events.length >= 5);
    await page.goto(`/chains/${encodeURIComponent(correlationId)}`);
    const panel = page.getByTestId("chain-lag");
    await expect(panel).toBeVisible({ timeout: 60_000 });
    const payment = panel.locator(
      '[data-testid="chain-lag-row"][data-topic="orders"][data-group="payment-service"]',
    );
    await expect(payment).toBeVisible();
    await expect(payment).toContainText("msgs");
  });
});
