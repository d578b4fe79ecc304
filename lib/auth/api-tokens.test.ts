import { describe, expect, it } from "vitest";
import {
  bearerToken,
  findApiToken,
  generateApiToken,
  tokenDigest,
  type ApiToken,
} from "./api-tokens";

const ci = generateApiToken();
const ops = generateApiToken();
const tokens: ApiToken[] = [
  { name: "ci", sha256: tokenDigest(ci), role: "viewer" },
  { name: "ops-bot", sha256: tokenDigest(ops), role: "operator" },
];

describe("API tokens", () => {
  it("finds the configured token by its hash", () => {
    expect(findApiToken(ops, tokens)?.name).toBe("ops-bot");
    expect(findApiToken(ci, tokens)?.role).toBe("viewer");
  });

  it("finds nothing for an unknown token or the configured hash itself", () => {
    expect(findApiToken(generateApiToken(), tokens)).toBeNull();
    expect(findApiToken(tokenDigest(ci), tokens)).toBeNull();
  });

  it("makes long random tokens", () => {
    expect(ci).toMatch(/^cw_[\w-]{43}$/);
    expect(ci).not.toBe(ops);
  });

  it("reads the token of a Bearer authorization header only", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer abc ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
