import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import bcrypt from "bcryptjs";

/**
 * Password hashes: `scrypt$N$r$p$salt$hash` (salt and hash base64url), made with Node's built-in
 * scrypt by `npm run hash-password`; and bcrypt (`$2a$`, `$2b$`, `$2y$`), as htpasswd files and
 * most identity tools write them, verified with bcryptjs.
 */
export type ScryptParams = { N: number; r: number; p: number };

export const defaultScryptParams: ScryptParams = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// Upper bounds keep a hostile or mistyped hash in the config from exhausting memory.
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

// bcrypt's cost is a power of two of rounds: past 14 one sign-in takes seconds of CPU.
const MAX_BCRYPT_COST = 14;
const BCRYPT = /^\$2[aby]\$(\d{2})\$[./A-Za-z0-9]{53}$/;

type ParsedHash =
  | ({ kind: "scrypt"; salt: Buffer; hash: Buffer } & ScryptParams)
  | { kind: "bcrypt"; cost: number };

export class PasswordHashError extends Error {}

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number) {
  return new Promise<Buffer>((resolve, reject) => {
    const maxmem = 128 * params.N * params.r * 2;
    scrypt(password, salt, keyLength, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(
  password: string,
  params: ScryptParams = defaultScryptParams,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const hash = await derive(password, salt, params, KEY_LENGTH);
  return [
    "scrypt",
    params.N,
    params.r,
    params.p,
    salt.toString("base64url"),
    hash.toString("base64url"),
  ].join("$");
}

/** Reads a stored hash; throws a sentence saying what is wrong with it. */
export function parsePasswordHash(stored: string): ParsedHash {
  if (stored.startsWith("$2")) {
    const match = BCRYPT.exec(stored);
    if (!match)
      throw new PasswordHashError("a bcrypt hash must look like $2b$10$ and 53 characters");
    const cost = Number(match[1]);
    if (cost < 4 || cost > MAX_BCRYPT_COST)
      throw new PasswordHashError(`bcrypt cost must be 4..${MAX_BCRYPT_COST}`);
    return { kind: "bcrypt", cost };
  }
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") {
    throw new PasswordHashError("a password hash must look like scrypt$N$r$p$salt$hash");
  }
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_N)
    throw new PasswordHashError(`scrypt N must be a power of two up to ${MAX_N}`);
  if (!Number.isInteger(r) || r < 1 || r > MAX_R)
    throw new PasswordHashError(`scrypt r must be 1..${MAX_R}`);
  if (!Number.isInteger(p) || p < 1 || p > MAX_P)
    throw new PasswordHashError(`scrypt p must be 1..${MAX_P}`);
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const hash = Buffer.from(parts[5] ?? "", "base64url");
  if (salt.length < 8 || hash.length < 16)
    throw new PasswordHashError("scrypt salt or hash is too short");
  return { kind: "scrypt", N, r, p, salt, hash };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (parsed.kind === "bcrypt") return bcrypt.compare(password, stored);
  const candidate = await derive(password, parsed.salt, parsed, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}
