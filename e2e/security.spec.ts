import type { Page, Response } from "@playwright/test";
import { createKafka } from "@/lib/kafka/client";
import { apiFetch, appUrl, uniqueName } from "@/lib/testing/real-stack";
import { ChainPage } from "./pages/chain-page";
import { waitForChain } from "./support/api";
import { expect, test } from "./support/fixtures";

/**
 * Every page under the Content-Security-Policy it is served with: it must still render and run
 * its scripts (Next's carry the request's nonce), with no violation reported, and every answer
 * carries the headers that keep it from being framed or sniffed.
 */
const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
let correlationId: string;

declare global {
  interface Window {
    __cspViolations?: string[];
    next?: { version?: string };
  }
}

test.beforeAll(async () => {
  correlationId = uniqueName("csp");
  const producer = createKafka(brokers, "e2e-security").producer({ allowAutoTopicCreation: true });
  await producer.connect();
  await producer.send({
    topic: uniqueName("csp-orders"),
    messages: [1, 2].map((n) => ({
      key: correlationId,
      value: JSON.stringify({
        event_id: `${correlationId}-${n}`,
        event_type: n === 1 ? "OrderPlaced" : "PaymentRequested",
        correlation_id: correlationId,
        causation_id: n === 1 ? null : `${correlationId}-1`,
        occurred_at: new Date().toISOString(),
      }),
    })),
  });
  await producer.disconnect();
  await waitForChain(correlationId, (c) => c.events.length === 2);
});

/** Opens `path`, recording every CSP violation the page reports, in the console or as events. */
async function openWatched(
  page: Page,
  path: string,
): Promise<{ response: Response; violations: string[] }> {
  const consoleViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) {
      consoleViolations.push(message.text());
    }
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations?.push(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  const response = await page.goto(path);
  if (!response) throw new Error(`no response for ${path}`);
  // Next's client runtime sets window.next once its scripts have run: blocked scripts never do.
  await page.waitForFunction(() => typeof window.next?.version === "string");
  await page.waitForLoadState("load");
  const reported = await page.evaluate(() => window.__cspViolations ?? []);
  return { response, violations: [...consoleViolations, ...reported] };
}

function expectSecurityHeaders(headers: Record<string, string>): void {
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
}

test.describe("under the Content-Security-Policy", () => {
  const pages = [
    "/",
    "/search?q=order",
    "/dlq",
    "/lag",
    "/lag/no-such-group",
    "/flows",
    "/audit",
    "/compare",
  ];

  for (const path of pages) {
    test(`${path} runs its scripts with no CSP violation`, async ({ page }) => {
      const { response, violations } = await openWatched(page, path);
      expect(response.status()).toBe(200);
      expectSecurityHeaders(response.headers());
      const policy = response.headers()["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, "the page policy carries a nonce").toBeTruthy();
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      // Every inline script Next wrote is one the policy lets run.
      const inline = await page
        .locator("script:not([src])")
        .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
      expect(inline.length).toBeGreaterThan(0);
      for (const scriptNonce of inline) expect(scriptNonce).toBe(nonce);
      expect(violations).toEqual([]);
    });
  }

  test("the chain page draws its graph with no CSP violation", async ({ page }) => {
    const { violations } = await openWatched(page, `/chains/${encodeURIComponent(correlationId)}`);
    await expect(new ChainPage(page).nodes).toHaveCount(2);
    expect(violations).toEqual([]);
  });

  test("each page load gets a nonce of its own", async ({ page }) => {
    const first = (await page.goto("/dlq"))?.headers()["content-security-policy"];
    const second = (await page.goto("/dlq"))?.headers()["content-security-policy"];
    expect(first).toBeTruthy();
    expect(first).not.toBe(second);
  });

  test.describe("signed out", () => {
    test.use({ signedInAs: null });

    test("the sign-in page works under the policy", async ({ page }) => {
      const { response, violations } = await openWatched(page, "/login");
      expectSecurityHeaders(response.headers());
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
      expect(violations).toEqual([]);
    });
  });
});

test("API answers, redirects and build assets carry the security headers too", async ({ page }) => {
  const api = await apiFetch("/api/dlq/summary");
  expect(api.status).toBe(200);
  expectSecurityHeaders(Object.fromEntries(api.headers.entries()));
  expect(api.headers.get("content-security-policy")).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );

  const unauthorized = await fetch(`${appUrl}/api/dlq`);
  expect(unauthorized.status).toBe(401);
  expectSecurityHeaders(Object.fromEntries(unauthorized.headers.entries()));
  const redirect = await fetch(`${appUrl}/dlq`, { redirect: "manual" });
  expect(redirect.status).toBe(303);
  expectSecurityHeaders(Object.fromEntries(redirect.headers.entries()));

  await page.goto("/login");
  const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute("src");
  if (!script) throw new Error("the sign-in page loads no build script");
  const asset = await page.request.get(script);
  expectSecurityHeaders(asset.headers());
});
