import { createHash } from "node:crypto";
import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from "jose";
import { z } from "zod";
import { Role } from "./roles";

/**
 * Session tokens are JWTs (JWS compact, HS256, with jose): `sub` the username, `role`, and
 * `iat`, `nbf`, `exp`, issued by and for Causeway's app (`iss`, `aud`). Stateless, so a token
 * stays valid until it expires. The header's `kid` names the secret that signed it (a digest,
 * never the secret), so after a secret change tokens signed with the previous one are still
 * accepted while it is configured: changing the secret need not sign everyone out at once.
 */
export const SessionPayload = z.object({
  /** username */
  sub: z.string().min(1),
  role: Role,
  /** expiry, seconds since the epoch */
  exp: z.number().int(),
});
export type SessionPayload = z.infer<typeof SessionPayload>;

export type SessionSecrets = { current: string; previous: string | null };

export type SessionCheck =
  | { ok: true; session: SessionPayload }
  | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

const ISSUER = "causeway";
const AUDIENCE = "causeway-app";

function keyId(secret: string): string {
  return createHash("sha256")
    .update(`causeway-session-kid:${secret}`)
    .digest("base64url")
    .slice(0, 12);
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** Signs `claims` as given; `issueSession` is what sign-in uses. */
export function signSession(
  claims: { sub: string; role: string; exp: number; nbf?: number; iat?: number },
  secret: string,
): Promise<string> {
  const { sub, exp, role } = claims;
  const iat = claims.iat ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ role })
    .setProtectedHeader({ alg: "HS256", kid: keyId(secret) })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setNotBefore(claims.nbf ?? iat)
    .setExpirationTime(exp)
    .sign(key(secret));
}

export function issueSession(
  username: string,
  role: Role,
  ttlSeconds: number,
  secret: string,
  nowMs: number,
): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  return signSession({ sub: username, role, iat: now, nbf: now, exp: now + ttlSeconds }, secret);
}

/** Checks the signature (HS256 only) and the claims before reading anything from the payload. */
export async function verifySession(
  token: string,
  secrets: SessionSecrets,
  nowMs: number,
): Promise<SessionCheck> {
  const previous = secrets.previous;
  const pick = (header: JWTHeaderParameters) =>
    key(previous !== null && header.kid === keyId(previous) ? previous : secrets.current);
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, pick, {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(nowMs),
      requiredClaims: ["sub", "exp", "iat", "nbf"],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return { ok: false, reason: "bad-signature" };
    }
    return { ok: false, reason: "malformed" };
  }
  const parsed = SessionPayload.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const { sub, role, exp } = parsed.data;
  return { ok: true, session: { sub, role, exp } };
}
