import fs from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { repoRoot, stateDir } from "../stack/paths";

/**
 * `npm run screenshots`: pictures of every view for the README, taken from the app that
 * `npm start` runs (signed in as its development operator, on the demo shop's traffic).
 * Run it a minute or two after `npm start`, so the flows, lag and DLQ views have history.
 */
const appUrl = process.env.CAUSEWAY_APP_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const outDir = path.join(repoRoot, "docs");
const say = (line: string) => console.log(`[screenshots] ${line}`);

type DevCredentials = { username: string; password: string; token: string };
type Outcome = "ok" | "payment-fails" | "poison" | "duplicate";

async function main(): Promise<void> {
  const credentials = readDevCredentials();
  const chains = demoChains();
  const ok = chains.get("ok");
  const failed = chains.get("payment-fails");
  if (!ok || !failed) throw new Error("the demo log names no ok and payment-fails orders yet");
  const api = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${appUrl}${route}`, {
      headers: { authorization: `Bearer ${credentials.token}` },
    });
    if (!response.ok) throw new Error(`${route} answered ${response.status}`);
    return (await response.json()) as T;
  };
  // The worst group first, as the dashboard sorts them: the detail worth a picture.
  const lag = await api<{ rows: { group: string; internal: boolean }[] }>("/api/lag");
  const demoGroup = lag.rows.find((row) => !row.internal)?.group;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    await page.goto(`${appUrl}/login`);
    await page.locator('input[name="username"]').fill(credentials.username);
    await page.locator('input[name="password"]').fill(credentials.password);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith("/login")),
      page.locator('button[type="submit"]').click(),
    ]);

    // The chain page is shown with its dead letter picked, as the README's caption says.
    const pickDeadLetter = async (view: Page) => {
      await view.locator('[data-testid="event-node"][data-status="dead-lettered"]').first().click();
      await view.locator('[data-testid="event-detail"][data-loaded="true"]').waitFor();
      await view.evaluate(() => window.scrollTo(0, 0));
    };
    const views: [string, string, ((view: Page) => Promise<void>)?][] = [
      ["chain-page", `/chains/${encodeURIComponent(failed)}`, pickDeadLetter],
      ["search", `/search?q=${encodeURIComponent("OrderPlaced")}`],
      ["compare", `/compare?a=${encodeURIComponent(ok)}&b=${encodeURIComponent(failed)}`],
      ["flows", "/flows"],
      ["contracts", "/contracts"],
      ["contract", `/contracts/${encodeURIComponent("OrderPlaced")}`],
      ["dlq", "/dlq"],
      ["lag", "/lag"],
      ...(demoGroup
        ? [["lag-group", `/lag/${encodeURIComponent(demoGroup)}`] as [string, string]]
        : []),
      ["audit", "/audit"],
    ];
    for (const [name, route, prepare] of views) await shoot(page, name, route, prepare);
  } finally {
    await browser.close();
  }
}

async function shoot(
  page: Page,
  name: string,
  route: string,
  prepare?: (view: Page) => Promise<void>,
): Promise<void> {
  await page.goto(`${appUrl}${route}`);
  // Views fetch after the first paint: wait for the network to settle and any spinner to go.
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await prepare?.(page);
  await page.waitForTimeout(1_500);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  say(`${route} → ${path.relative(repoRoot, file)}`);
}

function readDevCredentials(): DevCredentials {
  const file = path.join(stateDir, "dev-credentials.json");
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm start first`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as DevCredentials;
}

/** The correlation ids `npm start`'s demo named at its start, by scripted outcome. */
function demoChains(): Map<Outcome, string> {
  const chains = new Map<Outcome, string>();
  const log = path.join(stateDir, "logs", "demo.log");
  if (!fs.existsSync(log)) return chains;
  for (const line of fs.readFileSync(log, "utf8").split("\n")) {
    if (!line.includes("correlation id worth looking at")) continue;
    const entry = JSON.parse(line) as { correlationId: string; outcome: Outcome };
    chains.set(entry.outcome, entry.correlationId);
  }
  return chains;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
