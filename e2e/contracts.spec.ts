import { randomUUID } from "node:crypto";
import { FlowStats } from "@/lib/chain/flows";
import { ContractDetail } from "@/lib/contracts/contract";
import { createKafka } from "@/lib/kafka/client";
import { apiFetch, produceInOrder, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { ChainPage } from "./pages/chain-page";
import { ContractsPage } from "./pages/contracts-page";
import { FlowsPage } from "./pages/flows-page";
import { expect, test } from "./support/fixtures";

const topic = uniqueName("e2e-contracts");
const eventType = `InvoiceIssued-${randomUUID().slice(0, 8)}`;
const consumer = `billing-service-${randomUUID().slice(0, 6)}`;

function invoice(n: number, version: 1 | 2, type = eventType) {
  const amount = version === 1 ? { amount: 99.5 } : { amount: "99.50", currency: "EUR" };
  return {
    value: JSON.stringify({
      event_id: `inv-${version}-${n}-${type}`,
      event_type: type,
      correlation_id: `invoice-${type}-${n}`,
      schema_version: String(version),
      producer: "billing-api",
      payload: { invoice_id: `i-${n}`, ...amount },
    }),
  };
}

async function contractWhen(
  ready: (contract: ContractDetail) => boolean,
  type = eventType,
): Promise<ContractDetail> {
  let last: ContractDetail | null = null;
  await expect
    .poll(
      async () => {
        const response = await apiFetch(`/api/contracts/${encodeURIComponent(type)}`);
        if (!response.ok) return false;
        last = ContractDetail.parse(await response.json());
        return ready(last);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  if (!last) throw new Error("no contract");
  return last;
}

test.afterAll(async () => {
  const admin = createKafka(testConfig({}).kafkaBrokers, "e2e-contracts").admin();
  await admin.connect();
  await admin.deleteGroups([consumer]).catch(() => undefined);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

test("the contracts page lists an event type, its versions, its breaking drift and its consumers", async ({
  page,
}) => {
  await produceInOrder({ topic, messages: [1, 2].map((n) => invoice(n, 1)) });
  // The second shape is produced once the first is stored, so their order is the production order.
  await contractWhen((c) => c.versions.length === 1 && c.versions[0]?.fields !== null);
  await produceInOrder({ topic, messages: [3, 4, 5].map((n) => invoice(n, 2)) });
  const admin = createKafka(testConfig({}).kafkaBrokers, "e2e-contracts").admin();
  await admin.connect();
  await admin.setOffsets({ groupId: consumer, topic, partitions: [{ partition: 0, offset: "5" }] });
  await admin.disconnect();
  await contractWhen((c) => c.breakingDrifts === 1 && c.records === 5);

  const contracts = new ContractsPage(page);
  await contracts.open();
  await expect(contracts.link(eventType)).toBeVisible();
  await contracts.link(eventType).click();
  await expect(page).toHaveURL(`/contracts/${encodeURIComponent(eventType)}`);
  await expect(contracts.versions).toHaveCount(2);
  await expect(contracts.producers).toContainText("billing-api");
  await expect(contracts.consumers).toContainText(consumer);
  await expect(contracts.drifts).toContainText("breaking");
  await expect(contracts.drifts).toContainText("`amount` changed from number to string");
  await expect(contracts.drifts).toContainText(`consumers of \`${topic}\`: ${consumer}`);

  // The flow map marks the type's node once the flow-stats job has learned it.
  await expect
    .poll(
      async () => {
        const response = await apiFetch("/api/flows");
        if (!response.ok) return false;
        const stats = FlowStats.parse(await response.json());
        return stats.nodes.some((node) => node.eventType === eventType);
      },
      { timeout: 90_000 },
    )
    .toBe(true);
  const flows = new FlowsPage(page);
  await flows.open();
  await expect(flows.node(eventType)).toHaveAttribute("data-breaking-drifts", "1");
  await expect(flows.node(eventType)).toContainText("1 breaking");
});

test("an event on the chain page links to its type's contract", async ({ page }) => {
  // A type of its own, so this test never adds a shape to the other's.
  const type = `${eventType}-chain`;
  await produceInOrder({ topic, messages: [invoice(9, 2, type)] });
  const correlationId = `invoice-${type}-9`;
  await contractWhen((c) => c.records === 1, type);
  const chainPage = new ChainPage(page);
  await page.goto(`/chains/${encodeURIComponent(correlationId)}`);
  await expect(chainPage.nodes).toHaveCount(1);
  await chainPage.nodes.first().click();
  await page.getByTestId("event-contract-link").click();
  await expect(page).toHaveURL(`/contracts/${encodeURIComponent(type)}`);
  await expect(page.getByRole("heading", { name: type })).toBeVisible();
});
