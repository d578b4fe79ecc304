import type { AnomalyKind, Chain } from "@/lib/chain/chain";
import { FlowStats } from "@/lib/chain/flows";
import { createKafka } from "@/lib/kafka/client";
import { produceLearnedFlow, type LearnedFlow } from "@/lib/testing/learned-flow";
import { apiFetch, eventually, uniqueName } from "@/lib/testing/real-stack";
import {
  produceScriptedChain,
  stepId,
  type ProducedChain,
  type ScriptedStep,
} from "@/lib/testing/scripted-chain";
import { ChainPage } from "./pages/chain-page";
import { ComparePage } from "./pages/compare-page";
import { FlowsPage } from "./pages/flows-page";
import { SearchPage } from "./pages/search-page";
import { waitForChain } from "./support/api";
import { expect, test } from "./support/fixtures";

const kafka = createKafka((process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","), "e2e-views");

const STACK =
  "java.lang.IllegalStateException: card declined\n\tat com.shop.Payment.charge(Payment.java:42)";

/** One order that goes wrong in every way a single chain can show by itself. */
const troubledOrder: ScriptedStep[] = [
  { ref: "placed", eventType: "OrderPlaced", topic: "orders", service: "order-service", atMs: 0 },
  {
    ref: "charge",
    eventType: "PaymentRequested",
    topic: "payments",
    service: "order-service",
    atMs: 120,
    causedBy: "placed",
    payload: { orderId: "o-1", amount: { value: 42, currency: "EUR" } },
  },
  {
    ref: "charge-retry",
    eventType: "PaymentRequested",
    topic: "payments.retry",
    service: "payment-service",
    atMs: 1_200,
    causedBy: "placed",
    sameEventAs: "charge",
  },
  {
    ref: "charge-dead",
    eventType: "PaymentRequested",
    topic: "payments.DLQ",
    service: "payment-service",
    atMs: 2_400,
    causedBy: "placed",
    sameEventAs: "charge",
    deadLetter: {
      failed: "charge-retry",
      consumerGroup: "payment-service",
      errorClass: "java.lang.IllegalStateException",
      errorMessage: "card declined",
      errorStack: STACK,
    },
  },
  {
    ref: "reserved",
    eventType: "InventoryReserved",
    topic: "inventory",
    service: "inventory-service",
    atMs: 300,
    causedBy: "placed",
  },
  {
    ref: "reserved-again",
    eventType: "InventoryReserved",
    topic: "inventory",
    service: "inventory-service",
    atMs: 310,
    causedBy: "placed",
    sameEventAs: "reserved",
  },
  // Stamped before the event that caused it: a producer clock or a wrong causation id.
  {
    ref: "shipped-early",
    eventType: "ShipmentCreated",
    topic: "shipments",
    service: "shipping-service",
    atMs: 200,
    causedBy: "reserved",
  },
  {
    ref: "stray",
    eventType: "CustomerNotified",
    topic: "notifications",
    service: "notification-service",
    atMs: 500,
    causedBy: { unseen: "never-produced-parent" },
  },
];

let troubled: ProducedChain;
let troubledChain: Chain;
let learned: LearnedFlow;

test.beforeAll(async () => {
  // A chain from ten minutes ago is settled: the page must not call it live.
  troubled = await produceScriptedChain(kafka, uniqueName("chainui-views"), troubledOrder, {
    start: Date.now() - 10 * 60_000,
  });
  learned = await produceLearnedFlow(kafka, "chainui-learned");
  troubledChain = await waitForChain(troubled.correlationId, (c) => c.events.length >= 8);
});

const singleChainKinds: AnomalyKind[] = ["orphan", "dlq", "duplicate", "out-of-order", "retry"];

for (const kind of singleChainKinds) {
  test(`the anomalies panel says "${kind}" and its sentence selects the events it concerns`, async ({
    page,
  }) => {
    const anomaly = troubledChain.anomalies.find((a) => a.kind === kind);
    if (!anomaly) throw new Error(`the API reported no ${kind} anomaly for the scripted chain`);
    const chainPage = new ChainPage(page);
    await chainPage.open(troubled.correlationId);
    await chainPage.showAllAnomalies();

    await expect(chainPage.anomaly(kind).first()).toContainText(anomaly.message);
    await chainPage.selectAnomaly(kind);
    const [first] = anomaly.eventIds;
    await expect(chainPage.detail).toHaveAttribute("data-event-id", String(first));
    await expect(chainPage.timelineRow(String(first))).toHaveAttribute("aria-pressed", "true");
    for (const id of anomaly.eventIds.slice(1)) {
      await expect(chainPage.node(id)).toHaveAttribute("data-flagged", "true");
    }
  });
}

for (const kind of ["slow-hop", "missing-step"] as const) {
  test(`a learned "${kind}" anomaly shows on the page once the flow is learned`, async ({
    page,
  }) => {
    const correlationId = kind === "slow-hop" ? learned.slow : learned.stuck;
    const chain = await waitForChain(
      correlationId,
      (c) => c.anomalies.some((a) => a.kind === kind),
      90_000,
    );
    const chainPage = new ChainPage(page);
    await chainPage.open(correlationId);
    const anomaly = chain.anomalies.find((a) => a.kind === kind);
    // A missing step's sentence says how long it has been missing as of each answer: the page,
    // asked later, may say a later time ("none after 2 min") than the answer read here.
    const [before = "", after] = String(anomaly?.message).split(/none after [^:]+/);
    await expect(chainPage.anomaly(kind)).toContainText(before);
    if (after !== undefined) await expect(chainPage.anomaly(kind)).toContainText(after);
    await chainPage.selectAnomaly(kind);
    await expect(chainPage.detail).toHaveAttribute("data-event-id", String(anomaly?.eventIds[0]));
  });
}

test("the graph colours nodes by status and labels them by service", async ({ page }) => {
  const chainPage = new ChainPage(page);
  await chainPage.open(troubled.correlationId);
  await expect(chainPage.node(stepId(troubled, "charge-dead"))).toHaveAttribute(
    "data-status",
    "dead-lettered",
  );
  await expect(chainPage.node(stepId(troubled, "charge-retry"))).toHaveAttribute(
    "data-status",
    "retried",
  );
  await expect(chainPage.node(stepId(troubled, "placed"))).toHaveAttribute("data-status", "ok");
  await expect(page.getByTestId("missing-node")).toHaveCount(1);
  await expect(chainPage.node(stepId(troubled, "reserved"))).toHaveAttribute(
    "data-service",
    "inventory-service",
  );
  // Hovering in the graph highlights the same event in the timeline.
  await chainPage.node(stepId(troubled, "reserved")).hover();
  await expect(chainPage.timelineRow(stepId(troubled, "reserved"))).toHaveClass(/bg-sky-50/);
});

test("a chain too wide to fit opens on its root, draws what is on screen, and the minimap moves the view", async ({
  page,
}) => {
  // One order fanning out to 200 lines: far more than a readable zoom fits side by side.
  const lines = 200;
  const steps: ScriptedStep[] = [
    { ref: "placed", eventType: "OrderPlaced", topic: "orders", service: "order-service", atMs: 0 },
    ...Array.from({ length: lines }, (_, i): ScriptedStep => ({
      ref: `line-${i}`,
      eventType: "ItemPicked",
      topic: "picking",
      service: "warehouse-service",
      atMs: 10 + i,
      causedBy: "placed",
    })),
  ];
  const wide = await produceScriptedChain(kafka, uniqueName("chainui-wide"), steps, {
    start: Date.now() - 10 * 60_000,
  });
  await waitForChain(wide.correlationId, (c) => c.events.length > lines);

  const chainPage = new ChainPage(page);
  await chainPage.open(wide.correlationId);
  const root = chainPage.node(stepId(wide, "placed"));
  await expect(root).toBeVisible();
  await expect(page.getByTestId("causation-graph")).toHaveAttribute(
    "data-node-count",
    String(lines + 1),
  );
  expect(await chainPage.nodes.count()).toBeLessThan(lines / 4);

  // The bottom of the drawn chain in the minimap is its last row of lines, far below the root.
  const minimap = page.getByRole("img", { name: "Whole chain" });
  await minimap.scrollIntoViewIfNeeded();
  const drawn = await minimap.locator("path").evaluateAll((paths) => {
    const boxes = paths.map((path) => path.getBoundingClientRect());
    return {
      x: (Math.min(...boxes.map((b) => b.left)) + Math.max(...boxes.map((b) => b.right))) / 2,
      y: Math.max(...boxes.map((b) => b.bottom)) - 2,
    };
  });
  await page.mouse.click(drawn.x, drawn.y);
  await expect(root).toHaveCount(0);
  await expect(chainPage.nodes.first()).toBeVisible();
  expect(await chainPage.nodes.count()).toBeLessThan(lines / 4);
});

test("the waterfall shows one bar per event, hop latencies and the critical path", async ({
  page,
}) => {
  const chainPage = new ChainPage(page);
  await chainPage.open(troubled.correlationId);
  await expect(chainPage.timelineRows).toHaveCount(troubledChain.events.length);
  await expect(chainPage.criticalRows).toHaveCount(troubledChain.timing.criticalPath.length);
  await expect(page.getByTestId("critical-path-summary")).toContainText("DLQ / retry");
  // The dead letter came 1.2 s after the retry it copies.
  await expect(
    chainPage.timelineRow(stepId(troubled, "charge-dead")).getByTestId("hop-latency"),
  ).toContainText("1.20 s");
});

test("the event detail shows the DLQ error with its stack, delivery, payload, raw value and an API link", async ({
  page,
}) => {
  const chainPage = new ChainPage(page);
  await chainPage.open(troubled.correlationId);
  await chainPage.node(stepId(troubled, "charge-dead")).click();
  await expect(chainPage.detail.getByTestId("dead-letter-detail")).toContainText("card declined");
  await expect(chainPage.detail.getByTestId("error-stack")).toContainText("Payment.java:42");
  // Nobody consumes the scripted topics, so no group has read the record.
  await expect(chainPage.deliveryGroups.first()).toHaveAttribute("data-state", "no-subscriber");

  await chainPage.node(stepId(troubled, "charge")).click();
  await expect(
    chainPage.detail.getByTestId("event-headers").getByText("order-service", { exact: true }),
  ).toBeVisible();
  await expect(chainPage.detail.getByTestId("json-tree")).toContainText("currency");
  await expect(chainPage.detail.getByTestId("raw-value")).toContainText("Raw value");
  const link = chainPage.detail.getByTestId("event-api-link");
  const href = await link.getAttribute("href");
  const response = await apiFetch(String(href));
  expect(response.status).toBe(200);
  expect(((await response.json()) as { id: string }).id).toBe(stepId(troubled, "charge"));
});

test("a young chain refreshes by itself and says so; a settled one does not", async ({ page }) => {
  const young = await produceScriptedChain(
    kafka,
    uniqueName("chainui-live"),
    troubledOrder.slice(0, 2),
  );
  await waitForChain(young.correlationId, (c) => c.events.length >= 2);
  const chainPage = new ChainPage(page);
  await chainPage.open(young.correlationId);
  await expect(chainPage.liveIndicator).toContainText("less than 2 minutes old");

  // The next event arrives while the page is open and shows up without a reload.
  await produceScriptedChain(
    kafka,
    young.base,
    [{ ref: "late", eventType: "LateArrival", topic: "orders", service: "order-service", atMs: 0 }],
    { correlationId: young.correlationId },
  );
  await expect(chainPage.nodes).toHaveCount(3, { timeout: 30_000 });

  await chainPage.open(troubled.correlationId);
  await expect(chainPage.nodes.first()).toBeVisible();
  await expect(chainPage.liveIndicator).toHaveCount(0);
});

test("search from the header and the home page lists chains with a summary and the index's freshness", async ({
  page,
}) => {
  await page.goto("/");
  const search = new SearchPage(page);
  await search.searchFromHeader(troubled.correlationId);
  await expect(search.result(troubled.correlationId)).toBeVisible();
  await expect(search.result(troubled.correlationId).getByTestId("search-summary")).toContainText(
    "OrderPlaced",
  );
  await expect(search.freshness).toContainText(/indexed up to .* ago/);

  // Payload text finds the chain too.
  await search.searchFromHome(learned.topic.slice(-8));
  await expect(search.results.first()).toBeVisible();
  await search.result(learned.slow).or(search.results.first()).first().click();
  await expect(page).toHaveURL(/\/chains\//);
});

test("compare puts a usual chain next to a slow one and names the difference", async ({ page }) => {
  await waitForChain(learned.slow, (c) => c.events.length >= 2);
  const compare = new ComparePage(page);
  await compare.open(learned.usual[0] ?? "", learned.slow);
  await expect(compare.differences).toContainText(`${learned.from} → ${learned.to}`);
  await expect(page.getByTestId("compare-side-A")).toBeVisible();
  await expect(page.getByTestId("compare-side-B")).toBeVisible();
});

test("the flow map shows learned edges with counts and percentiles, linking to example chains", async ({
  page,
}) => {
  await eventually(
    "the flow-stats job to learn the test's flow",
    async () => {
      const response = await apiFetch("/api/flows");
      if (!response.ok) return false;
      const stats = FlowStats.parse(await response.json());
      return stats.edges.some((e) => e.from === learned.from && e.to === learned.to);
    },
    90_000,
  );
  const flows = new FlowsPage(page);
  await flows.open();
  const row = flows.edgeRow(learned.from, learned.to);
  await expect(row).toBeVisible();
  await expect(row).toContainText(/\d+ ms|\d\.\d+ s/);
  await row.getByTestId("flow-example").first().click();
  await expect(page).toHaveURL(/\/chains\//);
  await expect(new ChainPage(page).nodes.first()).toBeVisible();
});
