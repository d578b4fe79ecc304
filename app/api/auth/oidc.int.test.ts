import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/authorize";
import { freePort, startApp, type AppServer } from "@/lib/testing/app-server";

/**
 * OpenID Connect sign-in end to end: a real provider (oidc-provider, with its development login
 * and consent pages) in this process, a second instance of the app pointed at it, and the browser
 * played by hand — redirects followed one by one, each side's cookies carried separately.
 */
const accounts: Record<string, string[]> = {
  ada: ["staff", "sre"],
  vic: ["staff", "support"],
  nora: ["staff"],
};

const clientId = "causeway-test";
const clientSecret = randomBytes(24).toString("hex");
let provider: Server;
let app: AppServer;
let issuer: string;
let appBase: string;

type Jar = Map<string, string>;

function remember(jar: Jar, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar: Jar) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

async function send(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, {
    ...init,
    redirect: "manual",
    headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(jar) },
  });
  remember(jar, response);
  return response;
}

/** The one form on an oidc-provider interaction page, filled in as a person would. */
async function submitInteraction(jar: Jar, page: Response, login: string): Promise<Response> {
  const html = await page.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !prompt) throw new Error(`no interaction form on the provider's page: ${html}`);
  const body = new URLSearchParams(
    prompt === "login" ? { prompt, login, password: "any" } : { prompt },
  );
  return send(jar, new URL(action, issuer).href, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

/**
 * Starts a sign-in at the app and goes through the provider as `login`, stopping at the redirect
 * back to the app: its callback URL and the app's cookies (the sealed flow) at that moment.
 */
async function throughProvider(login: string): Promise<{ callback: string; appJar: Jar }> {
  const appJar: Jar = new Map();
  const providerJar: Jar = new Map();
  const start = await send(appJar, `${appBase}/api/auth/oidc/login?next=/chains`);
  expect(start.status).toBe(303);
  let location = new URL(start.headers.get("location") ?? "").href;
  for (let hop = 0; hop < 12; hop++) {
    if (location.startsWith(`${appBase}/`)) return { callback: location, appJar };
    let response = await send(providerJar, location);
    if (response.status === 200) response = await submitInteraction(providerJar, response, login);
    const next = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !next) {
      throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
    }
    location = new URL(next, location).href;
  }
  throw new Error("the provider never sent the browser back to the app");
}

async function callback(url: string, appJar: Jar): Promise<Response> {
  return send(new Map(appJar), url);
}

async function principal(response: Response): Promise<unknown> {
  const token = /causeway_session=([^;]+)/.exec(response.headers.getSetCookie().join("\n"))?.[1];
  expect(token).toBeTruthy();
  const session = await fetch(`${appBase}/api/auth/session`, {
    headers: { cookie: `${SESSION_COOKIE}=${token}` },
  });
  expect(session.status).toBe(200);
  return session.json();
}

function expectRefused(response: Response): void {
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("location") ?? "", appBase);
  expect(location.pathname).toBe("/login");
  expect(location.searchParams.get("error")).toBe("oidc");
  expect(response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(
    false,
  );
}

beforeAll(async () => {
  const [providerPort, appPort] = [await freePort(), await freePort()];
  issuer = `http://127.0.0.1:${providerPort}`;
  appBase = `http://127.0.0.1:${appPort}`;
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${appBase}/api/auth/oidc/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: {
      openid: ["sub"],
      profile: ["preferred_username"],
      email: ["email"],
      groups: ["groups"],
    },
    findAccount: (_ctx, id) =>
      accounts[id]
        ? {
            accountId: id,
            claims: () => ({
              sub: id,
              preferred_username: id,
              email: `${id}@example.test`,
              groups: accounts[id],
            }),
          }
        : undefined,
  });
  provider = createServer(oidc.callback());
  await new Promise<void>((resolve) => provider.listen(providerPort, "127.0.0.1", resolve));
  app = await startApp(
    {
      CAUSEWAY_SESSION_SECRET: randomBytes(32).toString("hex"),
      CAUSEWAY_SESSION_SECRET_PREVIOUS: undefined,
      CAUSEWAY_AUTH_MODE: "local",
      CAUSEWAY_OIDC_ISSUER: issuer,
      CAUSEWAY_OIDC_CLIENT_ID: clientId,
      CAUSEWAY_OIDC_CLIENT_SECRET: clientSecret,
      CAUSEWAY_OIDC_REDIRECT_URL: `${appBase}/api/auth/oidc/callback`,
      CAUSEWAY_OIDC_OPERATOR_GROUPS: "sre",
      CAUSEWAY_OIDC_VIEWER_GROUPS: "support",
    },
    90_000,
    appPort,
  );
});

afterAll(async () => {
  await app?.stop();
  if (provider) {
    provider.closeAllConnections();
    await new Promise((resolve) => provider.close(resolve));
  }
});

describe("OpenID Connect sign-in against a real provider", () => {
  it("signs a member of an operator group in as operator and returns to where they were going", async () => {
    const { callback: url, appJar } = await throughProvider("ada");
    const response = await callback(url, appJar);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/chains");
    expect(await principal(response)).toEqual({
      username: "ada",
      role: "operator",
      via: "session",
    });
  });

  it("signs a member of a viewer group in as viewer", async () => {
    const { callback: url, appJar } = await throughProvider("vic");
    const response = await callback(url, appJar);
    expect(await principal(response)).toEqual({ username: "vic", role: "viewer", via: "session" });
  });

  it("refuses someone in no mapped group, with no session", async () => {
    const { callback: url, appJar } = await throughProvider("nora");
    const response = await callback(url, appJar);
    expectRefused(response);
    const message = new URL(response.headers.get("location") ?? "", appBase).searchParams.get(
      "message",
    );
    expect(message).toMatch(/nora is in no group/);
  });

  it("refuses a callback whose state was altered, then still accepts the genuine one", async () => {
    const { callback: url, appJar } = await throughProvider("ada");
    const tampered = new URL(url);
    tampered.searchParams.set("state", `${tampered.searchParams.get("state")}x`);
    expectRefused(await callback(tampered.href, appJar));
    const genuine = await callback(url, appJar);
    expect(await principal(genuine)).toMatchObject({ username: "ada", role: "operator" });
  });

  it("refuses a callback replayed with the same flow cookie", async () => {
    const { callback: url, appJar } = await throughProvider("ada");
    const first = await callback(url, appJar);
    expect(await principal(first)).toMatchObject({ username: "ada" });
    expectRefused(await callback(url, appJar));
  });

  it("refuses a callback without the flow cookie, or with an altered one", async () => {
    const { callback: url, appJar } = await throughProvider("ada");
    expectRefused(await callback(url, new Map()));
    const sealed = appJar.get("causeway_oidc_flow") ?? "";
    expect(sealed).not.toBe("");
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith("A") ? "B" : "A"}${sealed.slice(-1)}`;
    expectRefused(await callback(url, new Map([["causeway_oidc_flow", flipped]])));
  });
});
