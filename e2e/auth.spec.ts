import type { Page } from "@playwright/test";
import { createKafka } from "@/lib/kafka/client";
import { apiFetch, uniqueName, type TestRole } from "@/lib/testing/real-stack";
import type { Chain } from "@/lib/chain/chain";
import { ChainPage } from "./pages/chain-page";
import { LoginPage } from "./pages/login-page";
import { waitForChain } from "./support/api";
import { expect, test, testCredentials } from "./support/fixtures";

const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
const email = "ada.lovelace@example.com";
const cardNumber = "4111111111111111";
const markup = `<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>`;

test.describe("signing in", () => {
  test.use({ signedInAs: null });

  test("build assets are served gzipped and cacheable for good, and nothing outside the build", async ({
    page,
  }) => {
    await page.goto("/login");
    const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute("src");
    if (!script) throw new Error("the login page loads no build script");
    const asset = await page.request.get(script, { headers: { "accept-encoding": "gzip" } });
    expect(asset.status()).toBe(200);
    expect(asset.headers()["content-encoding"]).toBe("gzip");
    expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(asset.headers()["content-type"]).toContain("javascript");
    expect((await asset.body()).length).toBeGreaterThan(0);

    const outside = await page.request.get("/_next/static/%2e%2e/%2e%2e/package.json", {
      maxRedirects: 0,
    });
    expect(outside.status()).not.toBe(200);
    expect(await outside.text()).not.toContain('"name": "causeway"');
  });

  test("a page asked for without a session leads to sign-in and back, and sign-out ends it", async ({
    page,
  }) => {
    const target = `/chains/${encodeURIComponent(uniqueName("after-login"))}`;
    await page.goto(target);
    await expect(page).toHaveURL(`/login?next=${encodeURIComponent(target)}`);

    const { username, password } = testCredentials("viewer");
    await new LoginPage(page).signIn(username, password);
    await expect(page).toHaveURL(target);
    await expect(page.getByTestId("signed-in-user")).toHaveText(username);
    await expect(page.getByTestId("signed-in-role")).toHaveText("viewer");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/login");
    await page.goto("/");
    await expect(page).toHaveURL(`/login?next=${encodeURIComponent("/")}`);
    await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  });

  test("a wrong password says so and does not sign in", async ({ page }) => {
    const login = new LoginPage(page);
    await login.open();
    await login.signIn(testCredentials("operator").username, "not-the-password");
    await expect(login.error).toHaveText("Wrong username or password.");
    await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("causeway_session");
  });
});

test.describe("sensitive and hostile payloads", () => {
  let correlationId: string;
  let chain: Chain;

  test.beforeAll(async () => {
    correlationId = uniqueName("masked");
    const topic = uniqueName("customers");
    const producer = createKafka(brokers, "e2e-auth").producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        {
          key: correlationId,
          headers: { authorization: "Bearer secret-upstream-token" },
          value: JSON.stringify({
            event_id: `${correlationId}-1`,
            event_type: `CustomerUpdated${markup}`,
            correlation_id: correlationId,
            causation_id: null,
            occurred_at: new Date().toISOString(),
            schema_version: "1",
            payload: { customer: { email, name: "Ada" }, card: { cardNumber }, note: markup },
          }),
        },
      ],
    });
    await producer.disconnect();
    chain = await waitForChain(correlationId, (c) => c.events.length === 1);
  });

  async function openEvent(page: Page): Promise<ChainPage> {
    await page.goto(`/chains/${encodeURIComponent(correlationId)}`);
    const chainPage = new ChainPage(page);
    const [event] = chain.events;
    if (!event) throw new Error("the chain has no event");
    await chainPage.node(event.id).click();
    await expect(chainPage.detail).toBeVisible();
    return chainPage;
  }

  /** The chain lists events without payload and headers; the event API gives them whole. */
  async function apiEvent(role: TestRole): Promise<string> {
    const [event] = chain.events;
    const response = await apiFetch(`/api/events/${encodeURIComponent(event?.id ?? "")}`, {
      role,
    });
    expect(response.status).toBe(200);
    return await response.text();
  }

  test.describe("as a viewer", () => {
    test("the chain page and the API show the email, card number and token masked", async ({
      page,
    }) => {
      const { detail } = await openEvent(page);
      await expect(detail).toContainText('email: "[masked]"');
      await expect(detail).toContainText('cardNumber: "[masked]"');
      await expect(detail).toContainText('name: "Ada"');
      await expect(detail).not.toContainText(email);
      await expect(detail).not.toContainText(cardNumber);
      await expect(detail).not.toContainText("secret-upstream-token");

      const body = await apiEvent("viewer");
      for (const secret of [email, cardNumber, "secret-upstream-token"]) {
        expect(body).not.toContain(secret);
      }
      expect(body).toContain("[masked]");
    });

    test("HTML and script in an event are shown as text and never run", async ({ page }) => {
      const { detail, nodes } = await openEvent(page);
      await expect(nodes.first()).toContainText("<img src=x");
      await expect(detail).toContainText("<script>window.__injected=2</script>");
      expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBe(
        undefined,
      );
      await expect(page.locator("img[src='x']")).toHaveCount(0);
    });
  });

  test.describe("as an operator", () => {
    test.use({ signedInAs: "operator" });

    test("the chain page and the API show the fields whole", async ({ page }) => {
      const { detail } = await openEvent(page);
      await expect(page.getByTestId("signed-in-role")).toHaveText("operator");
      await expect(detail).toContainText(email);
      await expect(detail).toContainText(cardNumber);
      expect(await apiEvent("operator")).toContain(email);
    });
  });
});
