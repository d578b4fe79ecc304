import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/authorize";
import { issueSession, signSession } from "@/lib/auth/session-token";
import { spawnApp, startApp, freePort, type AppServer } from "@/lib/testing/app-server";
import { apiFetch, appUrl, uniqueName } from "@/lib/testing/real-stack";

/**
 * Sign-in and roles as a client sees them, against the app `npm test` runs (local users and a
 * token per role), plus a second instance in trusted-proxy mode.
 */
const secret = process.env.CAUSEWAY_SESSION_SECRET ?? "";
const user = (role: string) => process.env[`CAUSEWAY_TEST_USER_${role.toUpperCase()}`] ?? "";
const password = (role: string) =>
  process.env[`CAUSEWAY_TEST_PASSWORD_${role.toUpperCase()}`] ?? "";

function withCookie(token: string, init: RequestInit = {}): RequestInit {
  return {
    ...init,
    headers: { ...(init.headers as Record<string, string>), cookie: `${SESSION_COOKIE}=${token}` },
  };
}

async function signIn(role: string): Promise<string> {
  const response = await fetch(`${appUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl },
    body: JSON.stringify({ username: user(role), password: password(role) }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get("set-cookie") ?? "";
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  expect(cookie).not.toMatch(/Secure/);
  return /causeway_session=([^;]+)/.exec(cookie)?.[1] ?? "";
}

const chainPath = `/api/chains/${uniqueName("nobody")}`;

describe("sessions", () => {
  it("answers 401 JSON to the API without a session, and sends pages to the sign-in page", async () => {
    const api = await fetch(`${appUrl}${chainPath}`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: "Sign in first." });
    const page = await fetch(`${appUrl}/chains/x?y=1`, { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(`/login?next=${encodeURIComponent("/chains/x?y=1")}`);
  });

  it("signs in with the right password and not with a wrong one", async () => {
    const token = await signIn("operator");
    const session = await fetch(`${appUrl}/api/auth/session`, withCookie(token));
    expect(await session.json()).toEqual({
      username: user("operator"),
      role: "operator",
      via: "session",
    });
    const wrong = await fetch(`${appUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: appUrl },
      body: JSON.stringify({ username: user("operator"), password: "wrong" }),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "Wrong username or password." });
  });

  it("refuses a forged, an expired and a tampered session with 401", async () => {
    const now = Date.now();
    const forged = await issueSession(
      "mallory",
      "admin",
      3600,
      "not-the-secret-not-the-secret-12345",
      now,
    );
    const expired = await issueSession(user("admin"), "admin", 60, secret, now - 3_600_000);
    const genuine = await signIn("viewer");
    const signature = genuine.split(".")[2];
    const promoted = await signSession(
      { sub: user("viewer"), role: "admin", exp: Math.floor(now / 1000) + 3600 },
      "x".repeat(40),
    );
    const tampered = `${promoted.split(".").slice(0, 2).join(".")}.${signature}`;
    for (const [token, message] of [
      [forged, /not valid/],
      [expired, /expired/],
      [tampered, /not valid/],
      ["garbage", /not valid/],
    ] as const) {
      const response = await fetch(`${appUrl}${chainPath}`, withCookie(token));
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
  });

  it("answers 403 JSON for a role below the one a route needs", async () => {
    const viewer = await apiFetch("/api/auth/users", { role: "viewer" });
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toEqual({
      error: "This needs the admin role; you are signed in as viewer.",
    });
    const admin = await apiFetch("/api/auth/users", { role: "admin" });
    expect(admin.status).toBe(200);
    const body = (await admin.json()) as { users: { username: string; passwordHash?: string }[] };
    expect(body.users.map((u) => u.username)).toContain(user("admin"));
    expect(JSON.stringify(body)).not.toContain("scrypt$");
  });
});

describe("cross-site requests", () => {
  it("refuses a state-changing request with a session but a missing or foreign Origin", async () => {
    const token = await signIn("operator");
    for (const origin of [undefined, "https://evil.example", "null"]) {
      const response = await fetch(
        `${appUrl}${chainPath}`,
        withCookie(token, { method: "POST", headers: origin ? { origin } : {} }),
      );
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toMatch(/Origin/);
    }
    const sameOrigin = await fetch(
      `${appUrl}${chainPath}`,
      withCookie(token, { method: "POST", headers: { origin: appUrl } }),
    );
    expect(sameOrigin.status).toBe(405);
  });

  it("refuses a sign-in posted from another site", async () => {
    const response = await fetch(`${appUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ username: user("viewer"), password: password("viewer") }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});

describe("API bearer tokens", () => {
  it("accepts a configured token with its role and refuses an unknown one", async () => {
    const session = await apiFetch("/api/auth/session", { role: "operator" });
    expect(await session.json()).toEqual({
      username: user("operator"),
      role: "operator",
      via: "api-token",
    });
    const unknown = await fetch(`${appUrl}${chainPath}`, {
      headers: { authorization: "Bearer cw_not-a-token" },
    });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ error: "The API token is not valid." });
  });

  it("is not held to the Origin check, as browsers never attach it on their own", async () => {
    const response = await apiFetch(chainPath, { role: "operator", method: "POST" });
    expect(response.status).toBe(405);
  });
});

describe("the app server", () => {
  it("refuses to start without CAUSEWAY_SESSION_SECRET, saying so", async () => {
    const app = spawnApp(await freePort(), { CAUSEWAY_SESSION_SECRET: undefined });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("CAUSEWAY_SESSION_SECRET is not set");
  });
});

describe("trusted-proxy mode", () => {
  let proxied: AppServer;
  const headers = { "x-forwarded-user": "grace", "x-forwarded-groups": "eng,sre" };

  beforeAll(async () => {
    proxied = await startApp({
      CAUSEWAY_AUTH_MODE: "proxy",
      CAUSEWAY_PROXY_ADDRESSES: "127.0.0.1",
      CAUSEWAY_PROXY_ROLES: JSON.stringify({ sre: "operator" }),
    });
  });

  afterAll(async () => {
    await proxied?.stop();
  });

  it("takes the user and role from the headers when the request comes from the proxy's address", async () => {
    const response = await fetch(`http://127.0.0.1:${proxied.port}/api/auth/session`, { headers });
    expect(await response.json()).toEqual({
      username: "grace",
      role: "operator",
      via: "trusted-proxy",
    });
  });

  it("ignores the same headers from any other address, even with a forged peer header", async () => {
    const forged: Record<string, string>[] = [
      {},
      { "x-causeway-peer": "127.0.0.1", "x-forwarded-for": "127.0.0.1" },
    ];
    for (const extra of forged) {
      const response = await fetch(`http://[::1]:${proxied.port}/api/auth/session`, {
        headers: { ...headers, ...extra },
      });
      expect(response.status).toBe(401);
    }
  });

  it("does not accept local session cookies in proxy mode", async () => {
    const token = await issueSession(user("admin"), "admin", 3600, secret, Date.now());
    const response = await fetch(
      `http://127.0.0.1:${proxied.port}/api/auth/session`,
      withCookie(token),
    );
    expect(response.status).toBe(401);
  });
});

describe("a session secret change", () => {
  let rotated: AppServer;
  const newSecret = `rotated-${secret}`;

  beforeAll(async () => {
    rotated = await startApp({
      CAUSEWAY_SESSION_SECRET: newSecret,
      CAUSEWAY_SESSION_SECRET_PREVIOUS: secret,
    });
  });

  afterAll(async () => {
    await rotated?.stop();
  });

  it("keeps sessions signed with the previous secret while it is set, and signs new ones with the new", async () => {
    const session = (token: string) =>
      fetch(`http://127.0.0.1:${rotated.port}/api/auth/session`, withCookie(token));
    const before = await signIn("viewer");
    expect(await (await session(before)).json()).toMatchObject({ username: user("viewer") });

    const fresh = await issueSession(user("admin"), "admin", 3600, newSecret, Date.now());
    expect((await session(fresh)).status).toBe(200);
    // npm test's own app knows only the old secret, so it refuses the new one's sessions.
    const onOldApp = await fetch(`${appUrl}/api/auth/session`, withCookie(fresh));
    expect(onOldApp.status).toBe(401);
  });
});

describe("sign-in throttling", () => {
  // An instance of its own, so locking its users and its one client address slows no other test.
  let app: AppServer;
  const base = (host = "127.0.0.1") => `http://${host}:${app.port}`;

  beforeAll(async () => {
    app = await startApp({
      CAUSEWAY_SIGNIN_FREE_FAILURES: "3",
      CAUSEWAY_SIGNIN_FREE_FAILURES_PER_ADDRESS: "6",
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  function attempt(username: string, pass: string, host?: string) {
    const url = base(host);
    return fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({ username, password: pass }),
    });
  }

  async function statuses(count: number, username: () => string, host?: string) {
    const seen: number[] = [];
    for (let i = 0; i < count; i++) seen.push((await attempt(username(), "wrong", host)).status);
    return seen;
  }

  it("locks a username after its free failures with 429 and Retry-After, even for the right password", async () => {
    expect(await statuses(3, () => user("viewer"))).toEqual([401, 401, 401]);
    const locked = await attempt(user("viewer"), password("viewer"));
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(await locked.json()).toEqual({
      error: `Too many failed sign-ins; try again in ${retryAfter} s.`,
    });

    // Once Retry-After has passed the user gets in, and the success starts the count again.
    await sleep(retryAfter * 1000);
    expect((await attempt(user("viewer"), password("viewer"))).status).toBe(200);
    expect(await statuses(2, () => user("viewer"))).toEqual([401, 401]);
    expect((await attempt(user("viewer"), password("viewer"))).status).toBe(200);
  });

  it("locks a client address that tries many usernames, and only that address", async () => {
    let n = 0;
    const names = () => uniqueName(`guess${n++}`);
    expect(await statuses(6, names)).toEqual([401, 401, 401, 401, 401, 401]);
    expect((await attempt(names(), "wrong")).status).toBe(429);
    expect((await attempt(names(), "wrong", "[::1]")).status).toBe(401);
  });

  it("counts failures and throttled attempts on /metrics", async () => {
    const response = await apiFetch("/metrics", { baseUrl: base("[::1]") });
    expect(response.status).toBe(200);
    const text = await response.text();
    const count = (reason: string) =>
      Number(
        new RegExp(
          `^causeway_app_sign_in_failures_total\\{reason="${reason}"\\} (\\d+)$`,
          "m",
        ).exec(text)?.[1],
      );
    expect(count("credentials")).toBeGreaterThanOrEqual(12);
    expect(count("throttled")).toBeGreaterThanOrEqual(2);
  });
});
