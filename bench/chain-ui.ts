/**
 * `npm run bench:chain-ui`: time to interactive of the chain page for a 2,000-event chain in
 * Chromium. Writes the chain straight into Elasticsearch under a prefix of its own, starts the
 * production build on it (run `npm run build` first), signs in, then opens the page in fresh
 * browser contexts and times navigation → graph drawn → a click on a node showing its detail.
 *
 *   --events N   events in the chain (default 2,000)
 *   --runs N     measured page loads (default 7, after one warm-up load)
 *   --port N     where to start the built app (default 3203)
 *   --profile F  also writes the browser's CPU profile of the last load to F (.cpuprofile)
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { loadConfig } from "@/lib/config/config";
import { createElasticsearch } from "@/lib/elastic/client";
import { testIdentities } from "../scripts/identities";
import { bin, startProcess, stopAll, waitForHttp } from "../scripts/processes";
import { indexOneChain } from "./chain/generate";

const GOAL_MS = 1_500;

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "2000" },
    runs: { type: "string", default: "7" },
    port: { type: "string", default: "3203" },
    profile: { type: "string" },
  },
});
const say = (line: string) => console.log(`[bench:chain-ui] ${line}`);

async function main(): Promise<void> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build`");
  const config = loadConfig(process.env);
  const es = createElasticsearch(config.elasticsearchUrl);
  const prefix = `cwbench-chainui-${randomUUID().slice(0, 8)}`;
  const eventCount = Number(values.events);
  const url = `http://127.0.0.1:${values.port}`;
  const identities = await testIdentities();
  const processes = [];
  try {
    const correlationId = await indexOneChain(es, prefix, eventCount, `bench-ui-${prefix}`);
    processes.push(
      startProcess(
        "app",
        bin("tsx"),
        ["scripts/serve-app.ts", "-p", values.port, "-H", "127.0.0.1"],
        {
          env: { ...identities, CAUSEWAY_INDEX_PREFIX: prefix, NEXT_TELEMETRY_DISABLED: "1" },
          onLine: () => undefined,
        },
      ),
    );
    if (!(await waitForHttp(`${url}/`, 60_000, processes[0])))
      throw new Error(`the app did not answer on ${url}`);
    const timings = await measurePage(
      url,
      `/chains/${encodeURIComponent(correlationId)}`,
      identities,
    );
    const sorted = [...timings].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    const ms = (value: number | undefined) => `${Math.round(value ?? Number.NaN)} ms`;
    say(
      `chain page with ${eventCount} events, ${sorted.length} loads in Chromium: time to interactive ` +
        `median ${ms(median)}, best ${ms(sorted[0])}, worst ${ms(sorted.at(-1))} ` +
        `(goal < ${GOAL_MS} ms: ${median < GOAL_MS ? "met" : "not met"})`,
    );
  } finally {
    await stopAll(processes);
    await es.indices
      .delete({ index: `${prefix}-*`, expand_wildcards: "all" })
      .catch(() => undefined);
    await es.indices.deleteIndexTemplate({ name: `${prefix}-events` }).catch(() => undefined);
    await es.close();
  }
}

async function measurePage(
  url: string,
  path: string,
  identities: Record<string, string>,
): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const login = await browser.newContext({ baseURL: url });
    const page = await login.newPage();
    await page.goto("/login");
    await page.getByLabel("Username").fill(identities.CAUSEWAY_TEST_USER_VIEWER ?? "");
    await page.getByLabel("Password").fill(identities.CAUSEWAY_TEST_PASSWORD_VIEWER ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((target) => target.pathname !== "/login");
    const storageState = await login.storageState();
    await login.close();

    const timings: number[] = [];
    const phases: number[][] = [];
    // The first load warms the server's route and the browser's caches; it is not counted.
    for (let run = 0; run <= Number(values.runs); run++) {
      const context = await browser.newContext({
        baseURL: url,
        storageState,
        viewport: { width: 1440, height: 900 },
      });
      const tab = await context.newPage();
      const profiling = run === Number(values.runs) && values.profile !== undefined;
      const cdp = profiling ? await context.newCDPSession(tab) : null;
      if (cdp) {
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.start");
      }
      const started = performance.now();
      const chainRequest = tab.waitForRequest((r) => /\/api\/chains\/[^/]+$/.test(r.url()), {
        timeout: 60_000,
      });
      const chainResponse = tab.waitForResponse((r) => /\/api\/chains\/[^/]+$/.test(r.url()), {
        timeout: 60_000,
      });
      await tab.goto(path, { waitUntil: "commit" });
      const committed = performance.now();
      await chainRequest;
      const asked = performance.now();
      await (await chainResponse).finished();
      const answered = performance.now();
      const node = tab.getByTestId("event-node").first();
      await node.waitFor({ state: "visible", timeout: 60_000 });
      const drawn = performance.now();
      await node.click();
      // The detail counts as shown once its headers, payload and raw value are there too.
      await tab
        .locator('[data-testid="event-detail"][data-loaded="true"]')
        .waitFor({ state: "visible", timeout: 60_000 });
      const done = performance.now();
      if (cdp && values.profile) {
        const { profile } = await cdp.send("Profiler.stop");
        fs.writeFileSync(values.profile, JSON.stringify(profile));
        say(`CPU profile of the last load written to ${values.profile}`);
      }
      if (run > 0) {
        timings.push(done - started);
        phases.push([
          committed - started,
          asked - started,
          answered - asked,
          drawn - answered,
          done - drawn,
        ]);
      }
      await context.close();
    }
    const median = (i: number) =>
      Math.round([...phases.map((p) => p[i] ?? 0)].sort((a, b) => a - b)[phases.length >> 1] ?? 0);
    say(
      `median phases: page committed ${median(0)} ms, chain API asked at ${median(1)} ms and ` +
        `answered +${median(2)} ms, graph drawn +${median(3)} ms, detail shown +${median(4)} ms`,
    );
    return timings;
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
