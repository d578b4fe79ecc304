import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, redactedConfig } from "./config";

const hash = "scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA";
const users = JSON.stringify([{ username: "ada", passwordHash: hash, role: "operator" }]);

describe("auth settings", () => {
  it("default to local sign-in with no users, no secret, an 8 hour session and masking on", () => {
    const { auth } = loadConfig({});
    expect(auth.mode).toBe("local");
    expect(auth.sessionSecret).toBeNull();
    expect(auth.sessionTtlSeconds).toBe(8 * 3600);
    expect(auth.users).toEqual([]);
    expect(auth.maskPaths).toContainEqual(["payload", "**", "email"]);
  });

  it("read users, and users from a file, and durations with units", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cw-users-")), "users.json");
    fs.writeFileSync(
      file,
      JSON.stringify([{ username: "bo", passwordHash: hash, role: "viewer" }]),
    );
    const { auth } = loadConfig({
      CAUSEWAY_USERS: users,
      CAUSEWAY_USERS_FILE: file,
      CAUSEWAY_SESSION_TTL: "30m",
    });
    fs.rmSync(path.dirname(file), { recursive: true });
    expect(auth.users.map((u) => u.username)).toEqual(["ada", "bo"]);
    expect(auth.sessionTtlSeconds).toBe(1800);
  });

  it.each([
    ["CAUSEWAY_USERS", "not json"],
    [
      "CAUSEWAY_USERS",
      JSON.stringify([{ username: "ada", passwordHash: "$2b$10$x", role: "viewer" }]),
    ],
    ["CAUSEWAY_USERS", JSON.stringify([{ username: "ada", passwordHash: hash, role: "root" }])],
    ["CAUSEWAY_SESSION_SECRET", "short"],
    ["CAUSEWAY_SESSION_TTL", "1"],
    ["CAUSEWAY_API_TOKENS", JSON.stringify([{ name: "ci", sha256: "abc", role: "viewer" }])],
    ["CAUSEWAY_PROXY_ADDRESSES", "proxy.internal"],
    ["CAUSEWAY_MASK_PATHS", "payload..email"],
  ])("rejects a bad %s with a sentence naming it", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it("accepts bcrypt hashes and says what is wrong with a malformed one", () => {
    const users = (passwordHash: string) =>
      JSON.stringify([{ username: "a", passwordHash, role: "viewer" }]);
    const htpasswd = "$2y$04$x58uNQ.2xjX2ZRzozdm3J.B56ic5t5kAipIN7XVdcKBOheXf/7vom";
    expect(loadConfig({ CAUSEWAY_USERS: users(htpasswd) }).auth.users).toHaveLength(1);
    expect(() => loadConfig({ CAUSEWAY_USERS: users("$2b$10$x") })).toThrow(
      /CAUSEWAY_USERS: 0.passwordHash: a bcrypt hash must look like/,
    );
  });

  it("needs the proxy's addresses in proxy mode", () => {
    expect(() => loadConfig({ CAUSEWAY_AUTH_MODE: "proxy" })).toThrow(/CAUSEWAY_PROXY_ADDRESSES/);
  });

  it("keeps the secret and the password hashes out of the redacted copy", () => {
    const secret = "x".repeat(40);
    const config = loadConfig({ CAUSEWAY_SESSION_SECRET: secret, CAUSEWAY_USERS: users });
    const logged = JSON.stringify(redactedConfig(config));
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain("scrypt$");
    expect(logged).toContain("ada");
  });
});
