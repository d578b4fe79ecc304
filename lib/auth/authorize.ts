import { timingSafeEqual } from "node:crypto";
import type { AuthConfig } from "../config/auth";
import { bearerToken, findApiToken } from "./api-tokens";
import { hasRole, type Principal, type Role } from "./roles";
import { verifySession } from "./session-token";
import { identityFromProxy } from "./trusted-proxy";

/**
 * The one decision every request goes through, in the proxy and again in each route handler:
 * who is asking (API token, trusted proxy or session cookie), whether a state-changing request
 * came from our own pages, and whether their role suffices.
 */
export const SESSION_COOKIE = "causeway_session";

/**
 * The socket address of the request's peer, as `<stamp> <address>`, set by the app server
 * (scripts/serve-app.ts) on every request, replacing whatever a client sent under that name. The
 * stamp is a random value the server makes at start and keeps in its own process environment
 * (PEER_STAMP_ENV), so under any other server (`next start`) no peer is believed at all.
 * Forwarded-for headers are client-controlled and never used.
 */
export const PEER_HEADER = "x-causeway-peer";
export const PEER_STAMP_ENV = "CAUSEWAY_INTERNAL_PEER_STAMP";

/** The peer address of a stamped header value, or null unless the stamp is the server's. */
export function peerFromHeader(value: string | null, stamp: string | undefined): string | null {
  if (!value || !stamp) return null;
  const space = value.indexOf(" ");
  if (space < 0) return null;
  const given = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(stamp);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return value.slice(space + 1) || null;
}

export type AuthRequest = {
  method: string;
  headers: Headers;
  sessionCookie: string | null;
  /** The connection's peer address, when the app server vouches for it (see PEER_HEADER). */
  peer: string | null;
};

export type AuthDecision =
  { ok: true; principal: Principal } | { ok: false; status: 401 | 403 | 503; error: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Browsers send `Origin` on every cross-site and every non-GET request; a request that changes
 * state with a session must come from this app's own origin or one configured as allowed.
 */
export function originAllowed(headers: Headers, allowedOrigins: readonly string[]): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  if (allowedOrigins.includes(origin)) return true;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]?.trim();
  try {
    return host !== "" && new URL(origin).host === host;
  } catch {
    return false;
  }
}

const sessionErrors = {
  malformed: "Your session is not valid; sign in again.",
  "bad-signature": "Your session is not valid; sign in again.",
  expired: "Your session has expired; sign in again.",
} as const;

/** Who is asking, ignoring what they ask for. */
export async function authenticate(
  request: AuthRequest,
  config: AuthConfig,
  nowMs: number,
): Promise<AuthDecision> {
  if (!config.sessionSecret) {
    return {
      ok: false,
      status: 503,
      error: "CAUSEWAY_SESSION_SECRET is not set; Causeway does not serve without it.",
    };
  }
  const token = bearerToken(request.headers.get("authorization"));
  if (token !== null) {
    const found = findApiToken(token, config.apiTokens);
    return found
      ? { ok: true, principal: { username: found.name, role: found.role, via: "api-token" } }
      : { ok: false, status: 401, error: "The API token is not valid." };
  }
  if (config.mode === "proxy") {
    const identity = identityFromProxy(request.headers, request.peer, config.proxy);
    if (identity.ok) {
      const { username, role } = identity;
      return { ok: true, principal: { username, role, via: "trusted-proxy" } };
    }
    return identity.reason === "no-role"
      ? { ok: false, status: 403, error: "None of your groups has a role in Causeway." }
      : { ok: false, status: 401, error: "Sign in through the configured proxy." };
  }
  if (!request.sessionCookie) return { ok: false, status: 401, error: "Sign in first." };
  const session = await verifySession(
    request.sessionCookie,
    { current: config.sessionSecret, previous: config.previousSessionSecret },
    nowMs,
  );
  if (!session.ok) return { ok: false, status: 401, error: sessionErrors[session.reason] };
  return {
    ok: true,
    principal: { username: session.session.sub, role: session.session.role, via: "session" },
  };
}

/**
 * Authenticates, then refuses a cross-site state change and a role below `required`. API-token
 * clients are not held to the Origin check: browsers never attach a bearer token on their own,
 * so a forged cross-site request cannot carry one.
 */
export async function authorize(
  request: AuthRequest,
  config: AuthConfig,
  required: Role,
  nowMs: number,
): Promise<AuthDecision> {
  const decision = await authenticate(request, config, nowMs);
  if (!decision.ok) return decision;
  const { principal } = decision;
  if (
    principal.via !== "api-token" &&
    isStateChanging(request.method) &&
    !originAllowed(request.headers, config.allowedOrigins)
  ) {
    return {
      ok: false,
      status: 403,
      error: "Refused a state-changing request without this app's Origin.",
    };
  }
  if (!hasRole(principal.role, required)) {
    return {
      ok: false,
      status: 403,
      error: `This needs the ${required} role; you are signed in as ${principal.role}.`,
    };
  }
  return decision;
}
