import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { Role } from "./roles";

/**
 * Session tokens: `base64url(JSON payload) "." base64url(HMAC-SHA256(secret, payload part))`.
 * Stateless, so a token stays valid until it expires; keep the TTL short and rotate the secret
 * to end every session at once.
 */
export const SessionPayload = z.object({
  /** username */
  sub: z.string().min(1),
  role: Role,
  /** expiry, seconds since the epoch */
  exp: z.number().int(),
});
export type SessionPayload = z.infer<typeof SessionPayload>;

export type SessionCheck =
  | { ok: true; session: SessionPayload }
  | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

function signature(payloadPart: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(payloadPart).digest();
}

export function signSession(session: SessionPayload, secret: string): string {
  const payloadPart = Buffer.from(JSON.stringify(session)).toString("base64url");
  return `${payloadPart}.${signature(payloadPart, secret).toString("base64url")}`;
}

export function issueSession(
  username: string,
  role: Role,
  ttlSeconds: number,
  secret: string,
  nowMs: number,
): string {
  return signSession({ sub: username, role, exp: Math.floor(nowMs / 1000) + ttlSeconds }, secret);
}

/** Checks the signature before reading anything from the payload. */
export function verifySession(token: string, secret: string, nowMs: number): SessionCheck {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: "malformed" };
  const [payloadPart, signaturePart] = parts;
  const expected = signature(payloadPart, secret);
  const given = Buffer.from(signaturePart, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad-signature" };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = SessionPayload.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  if (parsed.data.exp * 1000 <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, session: parsed.data };
}
