/**
 * bench/chain-ui: time to interactive of the chain page for a 2,000-event chain in Chromium.
 * Produces the chain into Kafka, waits until the running collector has indexed it, then opens
 * the page in fresh browser contexts and times navigation → graph drawn → a click on a node
 * showing its detail. Needs a running app and collector (CAUSEWAY_APP_URL, e.g. `npm start`).
 * Usage: npm run bench:chain-ui -- [--events 2000] [--runs 7]
 */
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { Chain } from "@/lib/chain/chain";
import { loadConfig } from "@/lib/config/config";
import { createKafka } from "@/lib/kafka/client";
import { apiFetch, appUrl, eventually, uniqueName } from "@/lib/testing/real-stack";
import { produceScriptedChain, type ScriptedStep } from "@/lib/testing/scripted-chain";

const GOAL_MS = 1_500;

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "2000" },
    runs: { type: "string", default: "7" },
  },
});
const eventCount = Number(args.events);
const runs = Number(args.runs);

const SERVICES = ["order", "payment", "inventory", "shipping", "notification"] as const;

/** A fan-out tree with a dead letter and a retry now and then, like a busy saga. */
function benchSteps(count: number): ScriptedStep[] {
  const steps: ScriptedStep[] = [];
  for (let i = 0; i < count; i++) {
    const service = SERVICES[i % SERVICES.length] ?? "order";
    const parent = i === 0 ? undefined : `s${Math.floor((i - 1) / 3)}`;
    const retried = i % 97 === 0 && i > 0;
    steps.push({
      ref: `s${i}`,
      eventType: `${service[0]?.toUpperCase()}${service.slice(1)}Step${i % 7}`,
      topic: retried ? `${service}.retry` : service,
      service: `${service}-service`,
      atMs: i * 15,
      causedBy: parent,
    });
  }
  return steps;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const kafka = createKafka(config.kafkaBrokers, "causeway-bench-chain-ui");
  const base = uniqueName("bench-chain-ui");
  console.log(`producing a ${eventCount}-event chain on ${base}.* …`);
  const chain = await produceScriptedChain(kafka, base, benchSteps(eventCount), {
    start: Date.now() - 10 * 60_000,
  });
  const path = `/chains/${encodeURIComponent(chain.correlationId)}`;
  await eventually(
    `${eventCount} events indexed for ${chain.correlationId}`,
    async () => {
      const response = await apiFetch(`/api${path}`);
      if (!response.ok) return false;
      return Chain.parse(await response.json()).events.length >= eventCount;
    },
    120_000,
  );

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  const timings: number[] = [];
  try {
    // The first run warms the server's route and the browser's compile caches; it is not counted.
    for (let run = 0; run <= runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${appUrl}${path}`, { waitUntil: "commit", timeout: 120_000 });
      const node = page.locator('[data-testid="event-node"]').first();
      await node.waitFor({ state: "visible", timeout: 60_000 });
      await node.click();
      await page.getByTestId("event-detail").waitFor({ state: "visible", timeout: 60_000 });
      const elapsed = performance.now() - started;
      if (run > 0) timings.push(elapsed);
      await context.close();
    }
  } finally {
    await browser.close();
  }

  const sorted = [...timings].sort((a, b) => a - b);
  const ms = (value: number) => `${Math.round(value)} ms`;
  console.log(
    `chain page, ${eventCount} events, ${runs} runs in Chromium: time to interactive ` +
      `median ${ms(median(sorted))}, best ${ms(sorted[0] ?? Number.NaN)}, worst ${ms(sorted.at(-1) ?? Number.NaN)} ` +
      `(goal < ${GOAL_MS} ms: ${median(sorted) < GOAL_MS ? "met" : "not met"})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
