import { expect, test } from "./support/fixtures";
import { z } from "zod";
import { jsonLineLog } from "@/demo/log";
import { startShop, type Shop } from "@/demo/shop";
import { startTopicRecorder, type TopicRecorder } from "@/demo/testing/topic-recorder";
import { Topics } from "@/demo/topics";
import { DeadLetterRecord } from "@/lib/dlq/board";
import { createKafka } from "@/lib/kafka/client";
import { REPLAY_HEADERS } from "@/lib/replay/headers";
import { apiFetch } from "@/lib/testing/real-stack";
import { ChainPage } from "./pages/chain-page";
import { DlqPage } from "./pages/dlq-page";
import { waitForChain } from "./support/api";

const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
let shop: Shop;
let orders: TopicRecorder;

test.beforeAll(async () => {
  shop = await startShop({ brokers, log: jsonLineLog(() => undefined) });
  orders = await startTopicRecorder(createKafka(brokers, "dlq-e2e"), [Topics.orders]);
});

test.afterAll(async () => {
  await orders?.stop();
  await shop?.stop();
});

const Records = z.object({ records: z.array(DeadLetterRecord) });

async function deadLettersOf(correlationId: string) {
  const response = await apiFetch(`/api/dlq/chains/${encodeURIComponent(correlationId)}`);
  expect(response.status).toBe(200);
  return Records.parse(await response.json()).records;
}

test.describe("as an operator", () => {
  test.use({ signedInAs: "operator" });

  test("an operator finds the demo's failures grouped, replays one with a fix, and the chain shows what followed", async ({
    page,
  }) => {
    // Three orders through the demo's retries, then a replay through all five services.
    test.setTimeout(300_000);
    const declined = [
      await shop.placeOrder("payment-fails"),
      await shop.placeOrder("payment-fails"),
    ];
    const poison = await shop.placeOrder("poison");
    for (const id of [...declined, poison]) {
      await waitForChain(id, (chain) => chain.stats.deadLettered === 1, 90_000);
    }

    // Both declined cards share one group on payments.DLQ; the poison order is another failure.
    const [first, second] = await Promise.all(
      declined.map(async (id) => (await deadLettersOf(id))[0]),
    );
    const [poisoned] = await deadLettersOf(poison);
    if (!first || !second || !poisoned) throw new Error("the dead letters are not indexed");
    expect(first.fingerprint).toBe(second.fingerprint);
    expect(poisoned.fingerprint).not.toBe(first.fingerprint);
    expect(first).toMatchObject({
      topic: Topics.paymentsDeadLetter,
      originalTopic: Topics.orders,
      consumerGroup: "payment-service",
    });
    expect(poisoned).toMatchObject({
      topic: Topics.ordersDeadLetter,
      originalTopic: Topics.orders,
    });

    const board = new DlqPage(page);
    await board.open(`?topic=${encodeURIComponent(Topics.paymentsDeadLetter)}`);
    const group = board.group(first.fingerprint);
    await expect(group).toBeVisible();
    await expect(group).toHaveAttribute(
      "data-error-class",
      "com.shop.payment.CardDeclinedException",
    );
    await expect(group).toContainText("Card declined by issuer: do_not_honor");
    await expect(group).toContainText("payment-service");
    await expect(board.group(poisoned.fingerprint)).toHaveCount(0);

    await board.openRecords(first.fingerprint);
    const record = board.record(first.id);
    await expect(record).toBeVisible();
    await expect(record.getByRole("link", { name: declined[0] })).toHaveAttribute(
      "href",
      `/chains/${encodeURIComponent(declined[0] ?? "")}`,
    );

    await record.getByTestId("replay-button").click();
    await board.dryRun("card gateway fixed", (value) =>
      value.replace('"test_outcome": "payment-fails"', '"test_outcome": "ok"'),
    );
    const dialog = board.replayDialog;
    await expect(dialog.getByTestId("replay-topic")).toHaveText(Topics.orders);
    await expect(dialog.locator('[data-op="added"]')).toContainText('"test_outcome": "ok"');
    await expect(dialog.locator('[data-op="removed"]')).toContainText(
      '"test_outcome": "payment-fails"',
    );
    await expect(dialog.getByTestId("replay-plan")).toContainText(REPLAY_HEADERS.of);
    await expect(dialog.getByTestId("replay-plan")).not.toContainText("kafka_dlt-exception-fqcn");

    // A double click on confirm produces one record.
    await dialog.getByTestId("replay-confirm").dblclick();
    // The replay waits for the broker and three index refreshes; an error says why it failed.
    const result = dialog.getByTestId("replay-result");
    await expect(result.or(dialog.getByRole("alert"))).toBeVisible({ timeout: 30_000 });
    expect(await dialog.getByRole("alert").allTextContents()).toEqual([]);
    await expect(result).toContainText(`Replayed: produced to ${Topics.orders}`);

    // The demo's payment-service processes the replay, and the rest of the shop follows.
    const chain = await waitForChain(
      declined[0] ?? "",
      (c) => c.events.some((e) => e.eventType === "CustomerNotified"),
      90_000,
    );
    const replays = orders
      .recordsOf(declined[0] ?? "")
      .filter((r) => r.headers[REPLAY_HEADERS.of] === first.id);
    expect(replays).toHaveLength(1);

    // The chain lists events without headers; the replay is found by where the recorder saw it.
    const [replay] = replays;
    const replayEvent = chain.events.find(
      (e) =>
        e.topic === replay?.topic && e.partition === replay.partition && e.offset === replay.offset,
    );
    const followUps = chain.events.filter((e) =>
      ["PaymentProcessed", "InventoryReserved", "ShipmentScheduled", "CustomerNotified"].includes(
        e.eventType ?? "",
      ),
    );
    expect(replayEvent?.topic).toBe(Topics.orders);
    expect(followUps).toHaveLength(4);

    await page.goto(`/chains/${encodeURIComponent(declined[0] ?? "")}`);
    const chainPage = new ChainPage(page);
    await expect(chainPage.node(replayEvent?.id ?? "")).toBeVisible({ timeout: 30_000 });
    for (const event of followUps) await expect(chainPage.node(event.id)).toBeVisible();
    const triage = page.locator(`[data-testid="chain-dead-letter"][data-record-id="${first.id}"]`);
    await expect(triage.getByTestId("triage-state")).toHaveAttribute("data-state", "replayed");
    await expect(triage.getByTestId("chain-replay")).toContainText(`to ${Topics.orders}`);

    await page.goto("/audit");
    // The replay and the triage change it made are both audited. The double click's second
    // request answered as soon as the record was produced, while the first was still recording
    // the triage change; the audit page shows what is stored when it loads, so reload until then.
    const audited = page.getByTestId("audit-entry").filter({ hasText: first.id });
    await expect(audited.and(page.locator('[data-kind="replay"]'))).toContainText("produced");
    await expect(async () => {
      await page.reload();
      await expect(audited.and(page.locator('[data-kind="triage"]'))).toContainText("replayed", {
        timeout: 2_000,
      });
    }).toPass({ timeout: 30_000 });
  });
});

test.describe("as a viewer", () => {
  test.use({ signedInAs: "viewer" });

  test("a viewer sees the board and its records but no triage or replay controls", async ({
    page,
  }) => {
    const correlationId = await shop.placeOrder("payment-fails");
    await waitForChain(correlationId, (chain) => chain.stats.deadLettered === 1, 90_000);
    const [record] = await deadLettersOf(correlationId);
    if (!record) throw new Error("the dead letter is not indexed");

    const board = new DlqPage(page);
    await board.open(`?topic=${encodeURIComponent(Topics.paymentsDeadLetter)}`);
    await expect(board.group(record.fingerprint)).toBeVisible();
    await board.openRecords(record.fingerprint);
    await expect(board.record(record.id)).toBeVisible();
    await expect(page.getByTestId("replay-button")).toHaveCount(0);
    await expect(page.getByTestId("group-replay-button")).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
  });
});
