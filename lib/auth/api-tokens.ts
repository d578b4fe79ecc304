import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { Role } from "./roles";

/**
 * API bearer tokens. The config holds only the SHA-256 of each token (hex); tokens are random
 * and long, so a fast hash is enough, and a leaked config does not leak a usable token.
 */
export const ApiToken = z.object({
  name: z.string().min(1),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "sha256 must be 64 hex characters")
    .transform((s) => s.toLowerCase()),
  role: Role,
});
export type ApiToken = z.infer<typeof ApiToken>;

export function tokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random token, `cw_` followed by 43 base64url characters (256 bits). */
export function generateApiToken(): string {
  return `cw_${randomBytes(32).toString("base64url")}`;
}

/** The configured token matching `presented`; every entry is compared, in constant time. */
export function findApiToken(presented: string, tokens: readonly ApiToken[]): ApiToken | null {
  const digest = Buffer.from(tokenDigest(presented), "hex");
  let found: ApiToken | null = null;
  for (const token of tokens) {
    if (timingSafeEqual(digest, Buffer.from(token.sha256, "hex")) && !found) found = token;
  }
  return found;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}
