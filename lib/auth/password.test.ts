import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, parsePasswordHash, PasswordHashError, verifyPassword } from "./password";

const fast = { N: 1024, r: 8, p: 1 };

describe("password hashes", () => {
  it("verifies the password a hash was made from, and no other", async () => {
    const hash = await hashPassword("correct horse", fast);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct horsE", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts each hash, so the same password hashes differently", async () => {
    expect(await hashPassword("pw", fast)).not.toBe(await hashPassword("pw", fast));
  });

  it("verifies a bcrypt hash from an htpasswd file", async () => {
    // Made with Apache's `htpasswd -nbB -C 4 ada 'correct horse'`, which writes $2y$.
    const htpasswd = "$2y$04$x58uNQ.2xjX2ZRzozdm3J.B56ic5t5kAipIN7XVdcKBOheXf/7vom";
    expect(await verifyPassword("correct horse", htpasswd)).toBe(true);
    expect(await verifyPassword("correct horsE", htpasswd)).toBe(false);
  });

  it("verifies the $2a$ and $2b$ bcrypt hashes other tools write", async () => {
    for (const prefix of ["$2a$", "$2b$"]) {
      const hash = bcrypt.hashSync("pw", 4).replace(/^\$2[aby]\$/, prefix);
      expect(await verifyPassword("pw", hash), prefix).toBe(true);
      expect(await verifyPassword("pW", hash), prefix).toBe(false);
    }
  });

  it.each([
    ["not a hash", "plain"],
    ["N not a power of two", "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"],
    ["N too large", "scrypt$2097152$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"],
    ["r out of range", "scrypt$1024$0$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"],
    ["a short hash", "scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA"],
    ["a cut bcrypt hash", "$2b$10$x58uNQ.2xjX2ZRzozdm3J.B56ic5t5kAipIN7XVdc"],
    ["a bcrypt cost that would stall sign-in", `$2b$20$${"a".repeat(53)}`],
  ])("rejects %s", (_label, stored) => {
    expect(() => parsePasswordHash(stored)).toThrow(PasswordHashError);
  });
});
