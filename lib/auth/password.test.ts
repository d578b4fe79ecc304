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

  it("says bcrypt is not supported rather than failing every sign-in", () => {
    expect(() =>
      parsePasswordHash("$2b$10$abcdefghijklmnopqrstuuJ0aQ3q6yZ0d9R1d8G0kz8m9x5p5qv6e"),
    ).toThrow(/bcrypt hashes are not supported/);
  });

  it.each([
    ["not a hash", "plain"],
    ["N not a power of two", "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"],
    ["N too large", "scrypt$2097152$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"],
    ["r out of range", "scrypt$1024$0$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"],
    ["a short hash", "scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA"],
  ])("rejects %s", (_label, stored) => {
    expect(() => parsePasswordHash(stored)).toThrow(PasswordHashError);
  });
});
