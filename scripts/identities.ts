import { randomBytes } from "node:crypto";
import { generateApiToken, tokenDigest } from "../lib/auth/api-tokens";
import { hashPassword } from "../lib/auth/password";
import type { Role } from "../lib/auth/roles";

/**
 * The throwaway identities `npm start` (a development operator) and `npm test` (one user and
 * one API token per role) give the app: fresh random secrets on every run, never written to the
 * repository.
 */
export type Identity = { username: string; password: string; token: string; role: Role };

function identity(username: string, role: Role): Identity {
  return {
    username,
    password: randomBytes(12).toString("base64url"),
    token: generateApiToken(),
    role,
  };
}

/** The app's auth settings for `identities`, with a fresh session secret. */
export async function authEnv(identities: Identity[]): Promise<Record<string, string>> {
  const users = await Promise.all(
    identities.map(async ({ username, password, role }) => ({
      username,
      passwordHash: await hashPassword(password),
      role,
    })),
  );
  const tokens = identities.map(({ username, token, role }) => ({
    name: username,
    sha256: tokenDigest(token),
    role,
  }));
  return {
    CAUSEWAY_AUTH_MODE: "local",
    CAUSEWAY_SESSION_SECRET: randomBytes(48).toString("base64url"),
    CAUSEWAY_USERS: JSON.stringify(users),
    CAUSEWAY_API_TOKENS: JSON.stringify(tokens),
  };
}

export function devOperator(): Identity {
  return identity("dev-operator", "operator");
}

const testRoles: Role[] = ["viewer", "operator", "admin"];

/**
 * `npm test`'s users `test-viewer`, `test-operator` and `test-admin`, and the variables tests
 * read them from: CAUSEWAY_TEST_USER_<ROLE>, CAUSEWAY_TEST_PASSWORD_<ROLE> and
 * CAUSEWAY_TEST_TOKEN_<ROLE>.
 */
export async function testIdentities(): Promise<Record<string, string>> {
  const identities = testRoles.map((role) => identity(`test-${role}`, role));
  const env = await authEnv(identities);
  for (const { username, password, token, role } of identities) {
    const suffix = role.toUpperCase();
    env[`CAUSEWAY_TEST_USER_${suffix}`] = username;
    env[`CAUSEWAY_TEST_PASSWORD_${suffix}`] = password;
    env[`CAUSEWAY_TEST_TOKEN_${suffix}`] = token;
  }
  return env;
}

/**
 * `npm start`'s auth settings on the local stack: the development operator is added to whatever
 * users and tokens the environment already configures, and a session secret is made up only
 * when none is set.
 */
export async function withDevOperator(
  env: Record<string, string | undefined>,
  dev: Identity,
): Promise<Record<string, string>> {
  const devEnv = await authEnv([dev]);
  const merged = (name: "CAUSEWAY_USERS" | "CAUSEWAY_API_TOKENS") => {
    const configured: unknown = JSON.parse(env[name] ?? "[]");
    const entries: unknown[] = Array.isArray(configured) ? configured : [];
    return JSON.stringify([...entries, ...(JSON.parse(devEnv[name] ?? "[]") as unknown[])]);
  };
  return {
    ...devEnv,
    CAUSEWAY_AUTH_MODE: env.CAUSEWAY_AUTH_MODE ?? "local",
    CAUSEWAY_SESSION_SECRET: env.CAUSEWAY_SESSION_SECRET ?? devEnv.CAUSEWAY_SESSION_SECRET ?? "",
    CAUSEWAY_USERS: merged("CAUSEWAY_USERS"),
    CAUSEWAY_API_TOKENS: merged("CAUSEWAY_API_TOKENS"),
  };
}
