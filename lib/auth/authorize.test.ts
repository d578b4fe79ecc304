import { describe, expect, it } from "vitest";
import type { AuthConfig } from "../config/auth";
import { generateApiToken, tokenDigest } from "./api-tokens";
import { authorize, originAllowed, peerFromHeader, type AuthRequest } from "./authorize";
import { issueSession } from "./session-token";

const secret = "s".repeat(40);
const now = Date.parse("2026-01-01T00:00:00Z");
const opsToken = generateApiToken();

const throttle = {
  freeFailures: 5,
  firstLockMs: 1000,
  maxLockMs: 60_000,
  forgetAfterMs: 240_000,
  maxKeys: 100,
};

const config: AuthConfig = {
  mode: "local",
  sessionSecret: secret,
  previousSessionSecret: null,
  sessionTtlSeconds: 3600,
  users: [],
  apiTokens: [{ name: "ops-bot", sha256: tokenDigest(opsToken), role: "operator" }],
  proxy: {
    addresses: ["10.0.0.5"],
    userHeader: "x-forwarded-user",
    groupsHeader: "x-forwarded-groups",
    groupRoles: { sre: "operator" },
    defaultRole: "viewer",
  },
  allowedOrigins: ["https://causeway.example"],
  maskPaths: [],
  signInLimits: { perUser: throttle, perAddress: throttle },
  oidc: null,
};

function request(
  method: string,
  headers: Record<string, string>,
  sessionCookie: string | null = null,
  peer: string | null = null,
): AuthRequest {
  const all = new Headers({ host: "app.local:3000", ...headers });
  return { method, headers: all, sessionCookie, peer };
}

const session = (role: "viewer" | "operator") => issueSession("ada", role, 3600, secret, now);

describe("authorize", () => {
  it("answers 401 without a session, and 401 for an expired or forged one", async () => {
    expect(await authorize(request("GET", {}), config, "viewer", now)).toMatchObject({
      status: 401,
    });
    const expired = await issueSession("ada", "admin", 60, secret, now - 120_000);
    expect(await authorize(request("GET", {}, expired), config, "viewer", now)).toMatchObject({
      status: 401,
      error: expect.stringContaining("expired"),
    });
    const forged = await issueSession("ada", "admin", 3600, "x".repeat(40), now);
    expect(await authorize(request("GET", {}, forged), config, "viewer", now)).toMatchObject({
      status: 401,
    });
  });

  it("answers 403 for a role below the one needed, naming both", async () => {
    expect(
      await authorize(request("GET", {}, await session("viewer")), config, "operator", now),
    ).toEqual({
      ok: false,
      status: 403,
      error: "This needs the operator role; you are signed in as viewer.",
    });
    expect(
      await authorize(request("GET", {}, await session("operator")), config, "operator", now),
    ).toMatchObject({
      ok: true,
      principal: { username: "ada", role: "operator", via: "session" },
    });
  });

  it("refuses a state-changing request with a session but a missing or foreign Origin", async () => {
    const token = await session("operator");
    const post = (headers: Record<string, string>) =>
      authorize(request("POST", headers, token), config, "operator", now);
    expect(await post({})).toMatchObject({ status: 403, error: expect.stringContaining("Origin") });
    expect(await post({ origin: "https://evil.example" })).toMatchObject({ status: 403 });
    expect(await post({ origin: "null" })).toMatchObject({ status: 403 });
    expect(await post({ origin: "http://app.local:3000" })).toMatchObject({ ok: true });
    expect(await post({ origin: "https://causeway.example" })).toMatchObject({ ok: true });
  });

  it("lets an API token client change state without an Origin, and refuses an unknown token", async () => {
    const bearer = (token: string) =>
      authorize(request("POST", { authorization: `Bearer ${token}` }), config, "operator", now);
    expect(await bearer(opsToken)).toMatchObject({ ok: true, principal: { via: "api-token" } });
    expect(await bearer(generateApiToken())).toMatchObject({ status: 401 });
  });

  it("does not fall back to the session when an invalid bearer token is sent", async () => {
    const decision = await authorize(
      request("GET", { authorization: "Bearer nope" }, await session("operator")),
      config,
      "viewer",
      now,
    );
    expect(decision).toMatchObject({ status: 401 });
  });

  it("in proxy mode believes the user headers only from an allowed peer, and ignores cookies", async () => {
    const proxyConfig: AuthConfig = { ...config, mode: "proxy" };
    const headers = { "x-forwarded-user": "ada", "x-forwarded-groups": "sre" };
    expect(
      await authorize(request("GET", headers, null, "10.0.0.5"), proxyConfig, "operator", now),
    ).toMatchObject({
      ok: true,
      principal: { username: "ada", role: "operator", via: "trusted-proxy" },
    });
    expect(
      await authorize(request("GET", headers, null, "10.0.0.9"), proxyConfig, "viewer", now),
    ).toMatchObject({ status: 401 });
    expect(
      await authorize(request("GET", {}, await session("operator")), proxyConfig, "viewer", now),
    ).toMatchObject({
      status: 401,
    });
  });

  it("refuses to serve at all without a session secret", async () => {
    expect(
      await authorize(request("GET", {}), { ...config, sessionSecret: null }, "viewer", now),
    ).toMatchObject({ status: 503, error: expect.stringContaining("CAUSEWAY_SESSION_SECRET") });
  });
});

describe("originAllowed", async () => {
  it("compares the Origin with the forwarded host when a proxy set one", async () => {
    const headers = new Headers({
      host: "127.0.0.1:3000",
      "x-forwarded-host": "causeway.internal",
      origin: "https://causeway.internal",
    });
    expect(originAllowed(headers, [])).toBe(true);
  });
});

describe("peerFromHeader", async () => {
  const stamp = "0123456789abcdef0123456789abcdef";

  it("gives the address only when the header carries the app server's stamp", async () => {
    expect(peerFromHeader(`${stamp} 10.0.0.5`, stamp)).toBe("10.0.0.5");
    expect(peerFromHeader(`${"f".repeat(32)} 10.0.0.5`, stamp)).toBeNull();
    expect(peerFromHeader("10.0.0.5", stamp)).toBeNull();
    expect(peerFromHeader(`${stamp} `, stamp)).toBeNull();
  });

  it("believes no peer at all under a server that does not stamp (next start)", async () => {
    expect(peerFromHeader(`${stamp} 10.0.0.5`, undefined)).toBeNull();
  });
});
