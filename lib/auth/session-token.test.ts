import { decodeProtectedHeader, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { issueSession, signSession, verifySession } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const secrets = { current: secret, previous: null };
const now = Date.parse("2026-01-01T00:00:00Z");
const nowSeconds = now / 1000;

describe("session tokens", () => {
  it("verifies a token it issued and gives back the user and role", async () => {
    const token = await issueSession("ada", "operator", 3600, secret, now);
    expect(await verifySession(token, secrets, now + 1000)).toEqual({
      ok: true,
      session: { sub: "ada", role: "operator", exp: nowSeconds + 3600 },
    });
  });

  it("is a JWS signed with HS256 whose kid does not reveal the secret", async () => {
    const token = await issueSession("ada", "viewer", 60, secret, now);
    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe("HS256");
    expect(header.kid).toMatch(/^[\w-]{12}$/);
    expect(token).not.toContain(Buffer.from(secret).toString("base64url").slice(0, 12));
  });

  it("refuses a token once it has expired", async () => {
    const token = await issueSession("ada", "viewer", 60, secret, now);
    expect(await verifySession(token, secrets, now + 60_000)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses a token that is not valid yet", async () => {
    const token = await signSession(
      { sub: "ada", role: "viewer", iat: nowSeconds, nbf: nowSeconds + 600, exp: nowSeconds + 900 },
      secret,
    );
    expect(await verifySession(token, secrets, now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a token signed with another secret", async () => {
    const token = await issueSession(
      "ada",
      "viewer",
      60,
      "another-secret-another-secret-another",
      now,
    );
    expect(await verifySession(token, secrets, now)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
  });

  it("accepts a token signed with the previous secret while it is configured, and only then", async () => {
    const old = "the-previous-secret-the-previous-secret";
    const token = await issueSession("ada", "operator", 3600, old, now);
    expect(await verifySession(token, { current: secret, previous: old }, now)).toMatchObject({
      ok: true,
      session: { sub: "ada", role: "operator" },
    });
    expect(await verifySession(token, secrets, now)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
  });

  it("refuses a payload changed after signing, e.g. a viewer promoting themselves", async () => {
    const token = await issueSession("ada", "viewer", 3600, secret, now);
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as object;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: "admin" })).toString("base64url");
    expect(await verifySession(`${header}.${forged}.${signature}`, secrets, now)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
  });

  it("refuses an unsigned token and one for another audience", async () => {
    const claims = Buffer.from(
      JSON.stringify({
        sub: "ada",
        role: "admin",
        iat: nowSeconds,
        nbf: nowSeconds,
        exp: nowSeconds + 60,
      }),
    ).toString("base64url");
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${claims}.`;
    expect((await verifySession(none, secrets, now)).ok).toBe(false);
    const elsewhere = await new SignJWT({ role: "admin" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("ada")
      .setIssuer("causeway")
      .setAudience("another-app")
      .setIssuedAt(nowSeconds)
      .setNotBefore(nowSeconds)
      .setExpirationTime(nowSeconds + 60)
      .sign(new TextEncoder().encode(secret));
    expect(await verifySession(elsewhere, secrets, now)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it.each(["", "no-dot", "a.b.c", ".sig", "payload."])(
    "refuses the malformed token %j",
    async (t) => {
      expect(await verifySession(t, secrets, now)).toMatchObject({ ok: false });
    },
  );

  it("refuses a correctly signed payload that is not a session", async () => {
    const token = await signSession({ sub: "ada", role: "root", exp: nowSeconds + 60 }, secret);
    expect(await verifySession(token, secrets, now)).toEqual({ ok: false, reason: "malformed" });
  });
});
