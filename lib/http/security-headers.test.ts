import { describe, expect, it } from "vitest";
import { NON_DOCUMENT_POLICY, newNonce, pagePolicy, securityHeaders } from "./security-headers";

const directive = (policy: string, name: string) =>
  policy
    .split("; ")
    .find((d) => d.split(" ")[0] === name)
    ?.split(" ")
    .slice(1);

describe("pagePolicy", () => {
  it("lets scripts run only with the request's nonce, never inline or evaluated in production", () => {
    const policy = pagePolicy("abc123==", { development: false, https: false });
    expect(directive(policy, "script-src")).toEqual([
      "'self'",
      "'nonce-abc123=='",
      "'strict-dynamic'",
    ]);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it("forbids framing, plugins and foreign form targets", () => {
    const policy = pagePolicy("n", { development: false, https: false });
    expect(directive(policy, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(policy, "object-src")).toEqual(["'none'"]);
    expect(directive(policy, "form-action")).toEqual(["'self'"]);
  });

  it("allows evaluation only for the development server's fast refresh", () => {
    expect(directive(pagePolicy("n", { development: true, https: false }), "script-src")).toContain(
      "'unsafe-eval'",
    );
  });

  it("upgrades subresources to https only when the page came over https", () => {
    expect(pagePolicy("n", { development: false, https: true })).toMatch(
      /upgrade-insecure-requests/,
    );
    expect(pagePolicy("n", { development: false, https: false })).not.toMatch(/upgrade-insecure/);
  });
});

describe("securityHeaders", () => {
  it("sends nosniff, no framing and same-origin referrers on every answer", () => {
    const headers = securityHeaders(NON_DOCUMENT_POLICY, false);
    expect(headers).toMatchObject({
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
    });
  });

  it("adds HSTS over https only", () => {
    expect(securityHeaders("x", true)["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
    expect(securityHeaders("x", false)).not.toHaveProperty("strict-transport-security");
  });
});

describe("newNonce", () => {
  it("is 16 random bytes in base64, different each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
