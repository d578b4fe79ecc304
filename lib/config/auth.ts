import { readFileSync } from "node:fs";
import { z } from "zod";
import { ApiToken } from "../auth/api-tokens";
import { LocalUser } from "../auth/local-users";
import { parseMaskPaths, type MaskPath } from "../auth/masking";
import type { OidcRoleMapping } from "../auth/oidc-claims";
import type { SignInLimits, ThrottleSettings } from "../auth/sign-in-throttle";
import { Role } from "../auth/roles";
import { isValidProxyAddress, type TrustedProxySettings } from "../auth/trusted-proxy";

/**
 * The sign-in, role and masking settings (README, "Sign-in and roles"). Part of the one config
 * in config.ts; kept here so the auth rules read in one place.
 */
export const DEFAULT_MASK_PATHS = [
  "payload.**.email",
  "payload.**.cardNumber",
  "payload.**.card_number",
  "payload.**.pan",
  "payload.**.token",
  "payload.**.password",
  "headers.authorization",
  "headers.cookie",
].join(",");

function json<T extends z.ZodType>(schema: T) {
  return z.string().transform((text, ctx): z.infer<T> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "not valid JSON" });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({
          code: "custom",
          message: `${issue.path.join(".") || "value"}: ${issue.message}`,
        });
      }
      return z.NEVER;
    }
    return parsed.data;
  });
}

const list = z.string().transform((s) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean),
);

/** `90`, `90s`, `30m`, `8h` or `7d`, in seconds. */
const duration = z
  .string()
  .regex(/^\d+[smhd]?$/, "a number of seconds, or a number followed by s, m, h or d")
  .transform((s) => {
    const unit = { s: 1, m: 60, h: 3600, d: 86400 }[s.slice(-1)] ?? 1;
    return Number.parseInt(s, 10) * unit;
  })
  .pipe(z.number().int().min(60, "at least 60 seconds"));

const Users = z.array(LocalUser);

export const AuthEnv = {
  CAUSEWAY_AUTH_MODE: z.enum(["local", "proxy"]).default("local"),
  CAUSEWAY_SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  CAUSEWAY_SESSION_SECRET_PREVIOUS: z.string().min(32, "must be at least 32 characters").optional(),
  CAUSEWAY_SESSION_TTL: z.string().default("8h").pipe(duration),
  CAUSEWAY_USERS: z.string().default("[]").pipe(json(Users)),
  CAUSEWAY_USERS_FILE: z.string().min(1).optional(),
  CAUSEWAY_API_TOKENS: z
    .string()
    .default("[]")
    .pipe(json(z.array(ApiToken))),
  CAUSEWAY_PROXY_ADDRESSES: list
    .default([])
    .pipe(
      z.array(
        z.string().refine(isValidProxyAddress, "each entry must be an IP address or IPv4 CIDR"),
      ),
    ),
  CAUSEWAY_PROXY_USER_HEADER: z.string().min(1).default("x-forwarded-user"),
  CAUSEWAY_PROXY_GROUPS_HEADER: z.string().min(1).default("x-forwarded-groups"),
  CAUSEWAY_PROXY_ROLES: z
    .string()
    .default("{}")
    .pipe(json(z.record(z.string(), Role))),
  CAUSEWAY_PROXY_DEFAULT_ROLE: z.enum(["viewer", "operator", "admin", "none"]).default("viewer"),
  CAUSEWAY_OIDC_ISSUER: z.url().optional(),
  CAUSEWAY_OIDC_PROVIDER_NAME: z.string().min(1).default("OpenID Connect"),
  CAUSEWAY_OIDC_CLIENT_ID: z.string().min(1).optional(),
  CAUSEWAY_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  CAUSEWAY_OIDC_REDIRECT_URL: z.url().optional(),
  CAUSEWAY_OIDC_SCOPES: z.string().default("openid profile email groups"),
  CAUSEWAY_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  CAUSEWAY_OIDC_OPERATOR_GROUPS: list.default([]),
  CAUSEWAY_OIDC_VIEWER_GROUPS: list.default([]),
  CAUSEWAY_SIGNIN_FREE_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  CAUSEWAY_SIGNIN_FREE_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(20),
  CAUSEWAY_SIGNIN_MAX_LOCK: z.string().default("15m").pipe(duration),
  CAUSEWAY_ALLOWED_ORIGINS: list
    .default([])
    .pipe(z.array(z.url().transform((u) => new URL(u).origin))),
  CAUSEWAY_MASK_PATHS: z
    .string()
    .default(DEFAULT_MASK_PATHS)
    .transform((spec, ctx) => {
      try {
        return parseMaskPaths(spec);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
};

type AuthEnvValues = z.infer<z.ZodObject<typeof AuthEnv>>;

/** Sign-in through an OpenID Connect provider, beside local users; null when not configured. */
export type OidcSettings = {
  issuer: string;
  providerName: string;
  clientId: string;
  /** Null for a public client, which proves itself with PKCE alone. */
  clientSecret: string | null;
  redirectUrl: string;
  scopes: string;
  roles: OidcRoleMapping;
};

export type AuthConfig = {
  mode: "local" | "proxy";
  /** Null only in processes that serve no one (collector, demo); the app refuses to start. */
  sessionSecret: string | null;
  /** A secret being rotated out: sessions it signed are still accepted while it is set. */
  previousSessionSecret: string | null;
  sessionTtlSeconds: number;
  users: LocalUser[];
  apiTokens: ApiToken[];
  proxy: TrustedProxySettings;
  allowedOrigins: string[];
  maskPaths: MaskPath[];
  signInLimits: SignInLimits;
  oidc: OidcSettings | null;
};

function throttle(freeFailures: number, maxLockSeconds: number): ThrottleSettings {
  const maxLockMs = maxLockSeconds * 1000;
  return {
    freeFailures,
    firstLockMs: 1000,
    maxLockMs,
    forgetAfterMs: 4 * maxLockMs,
    maxKeys: 10_000,
  };
}

/** Cross-field checks and the users file; issues are `[variable, sentence]` pairs. */
export function authConfig(
  env: AuthEnvValues,
  readFile: (path: string) => string = (p) => readFileSync(p, "utf8"),
): { config: AuthConfig; issues: [string, string][] } {
  const issues: [string, string][] = [];
  let users = env.CAUSEWAY_USERS;
  if (env.CAUSEWAY_USERS_FILE) {
    try {
      const parsed = json(Users).safeParse(readFile(env.CAUSEWAY_USERS_FILE));
      if (parsed.success) users = [...users, ...parsed.data];
      else for (const i of parsed.error.issues) issues.push(["CAUSEWAY_USERS_FILE", i.message]);
    } catch (error) {
      issues.push([
        "CAUSEWAY_USERS_FILE",
        `cannot read ${env.CAUSEWAY_USERS_FILE}: ${(error as Error).message}`,
      ]);
    }
  }
  const names = users.map((u) => u.username);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) issues.push(["CAUSEWAY_USERS", `username "${duplicate}" appears twice`]);
  if (env.CAUSEWAY_AUTH_MODE === "proxy" && env.CAUSEWAY_PROXY_ADDRESSES.length === 0) {
    issues.push([
      "CAUSEWAY_PROXY_ADDRESSES",
      "proxy mode needs the address(es) the proxy connects from",
    ]);
  }
  const oidc = oidcSettings(env, issues);
  const defaultRole = env.CAUSEWAY_PROXY_DEFAULT_ROLE;
  return {
    issues,
    config: {
      mode: env.CAUSEWAY_AUTH_MODE,
      sessionSecret: env.CAUSEWAY_SESSION_SECRET ?? null,
      previousSessionSecret: env.CAUSEWAY_SESSION_SECRET_PREVIOUS ?? null,
      sessionTtlSeconds: env.CAUSEWAY_SESSION_TTL,
      users,
      apiTokens: env.CAUSEWAY_API_TOKENS,
      proxy: {
        addresses: env.CAUSEWAY_PROXY_ADDRESSES,
        userHeader: env.CAUSEWAY_PROXY_USER_HEADER.toLowerCase(),
        groupsHeader: env.CAUSEWAY_PROXY_GROUPS_HEADER.toLowerCase(),
        groupRoles: env.CAUSEWAY_PROXY_ROLES,
        defaultRole: defaultRole === "none" ? null : defaultRole,
      },
      allowedOrigins: env.CAUSEWAY_ALLOWED_ORIGINS,
      maskPaths: env.CAUSEWAY_MASK_PATHS,
      signInLimits: {
        perUser: throttle(env.CAUSEWAY_SIGNIN_FREE_FAILURES, env.CAUSEWAY_SIGNIN_MAX_LOCK),
        perAddress: throttle(
          env.CAUSEWAY_SIGNIN_FREE_FAILURES_PER_ADDRESS,
          env.CAUSEWAY_SIGNIN_MAX_LOCK,
        ),
      },
      oidc,
    },
  };
}

function oidcSettings(env: AuthEnvValues, issues: [string, string][]): OidcSettings | null {
  const issuer = env.CAUSEWAY_OIDC_ISSUER;
  if (!issuer) return null;
  const clientId = env.CAUSEWAY_OIDC_CLIENT_ID;
  const redirectUrl = env.CAUSEWAY_OIDC_REDIRECT_URL;
  const {
    CAUSEWAY_OIDC_OPERATOR_GROUPS: operatorGroups,
    CAUSEWAY_OIDC_VIEWER_GROUPS: viewerGroups,
  } = env;
  if (!clientId)
    issues.push(["CAUSEWAY_OIDC_CLIENT_ID", "OpenID Connect sign-in needs a client id"]);
  if (!redirectUrl) {
    issues.push([
      "CAUSEWAY_OIDC_REDIRECT_URL",
      "OpenID Connect sign-in needs this app's callback URL, ending in /api/auth/oidc/callback",
    ]);
  }
  if (operatorGroups.length === 0 && viewerGroups.length === 0) {
    issues.push([
      "CAUSEWAY_OIDC_OPERATOR_GROUPS",
      "name at least one group here or in CAUSEWAY_OIDC_VIEWER_GROUPS, or nobody can sign in",
    ]);
  }
  if (!env.CAUSEWAY_OIDC_SCOPES.split(/\s+/).includes("openid")) {
    issues.push(["CAUSEWAY_OIDC_SCOPES", "must include openid"]);
  }
  if (env.CAUSEWAY_AUTH_MODE !== "local") {
    issues.push(["CAUSEWAY_OIDC_ISSUER", "OpenID Connect sign-in needs CAUSEWAY_AUTH_MODE=local"]);
  }
  if (!clientId || !redirectUrl) return null;
  return {
    issuer,
    providerName: env.CAUSEWAY_OIDC_PROVIDER_NAME,
    clientId,
    clientSecret: env.CAUSEWAY_OIDC_CLIENT_SECRET ?? null,
    redirectUrl,
    scopes: env.CAUSEWAY_OIDC_SCOPES.trim(),
    roles: { groupsClaim: env.CAUSEWAY_OIDC_GROUPS_CLAIM, operatorGroups, viewerGroups },
  };
}
