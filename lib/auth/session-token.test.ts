import { describe, expect, it } from "vitest";
import { issueSession, signSession, verifySession } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const now = Date.parse("2026-01-01T00:00:00Z");

describe("session tokens", () => {
  it("verifies a token it issued and gives back the user and role", () => {
    const token = issueSession("ada", "operator", 3600, secret, now);
    const check = verifySession(token, secret, now + 1000);
    expect(check).toEqual({
      ok: true,
      session: { sub: "ada", role: "operator", exp: now / 1000 + 3600 },
    });
  });

  it("refuses a token once it has expired", () => {
    const token = issueSession("ada", "viewer", 60, secret, now);
    expect(verifySession(token, secret, now + 60_000)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token signed with another secret", () => {
    const token = issueSession("ada", "viewer", 60, "another-secret-another-secret-another", now);
    expect(verifySession(token, secret, now)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a payload changed after signing, e.g. a viewer promoting themselves", () => {
    const token = issueSession("ada", "viewer", 3600, secret, now);
    const [, signature] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ sub: "ada", role: "admin", exp: now / 1000 + 3600 }),
    ).toString("base64url");
    expect(verifySession(`${forged}.${signature}`, secret, now)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
  });

  it("refuses a tampered signature", () => {
    const token = issueSession("ada", "viewer", 3600, secret, now);
    const last = token.at(-1) === "A" ? "B" : "A";
    expect(verifySession(`${token.slice(0, -1)}${last}`, secret, now).ok).toBe(false);
  });

  it.each(["", "no-dot", "a.b.c", ".sig", "payload."])("refuses the malformed token %j", (t) => {
    expect(verifySession(t, secret, now)).toMatchObject({ ok: false });
  });

  it("refuses a correctly signed payload that is not a session", () => {
    const token = signSession({ sub: "ada", role: "root", exp: 1 } as never, secret);
    expect(verifySession(token, secret, 0)).toEqual({ ok: false, reason: "malformed" });
  });
});
