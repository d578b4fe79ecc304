import { createHash, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import { z } from "zod";

/**
 * What the callback must know of the sign-in it completes: state, nonce and the PKCE verifier,
 * and where to go after. It travels in a cookie encrypted (JWE, dir + A256GCM, key derived from
 * the session secret) so the browser can neither read the verifier nor alter any of it, and
 * expires after ten minutes. `id` lets the server refuse a second use.
 */
export const FLOW_COOKIE = "causeway_oidc_flow";
export const FLOW_TTL_SECONDS = 600;

export const OidcFlow = z.object({
  id: z.string().min(1),
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(43),
  next: z.string(),
  exp: z.number().int(),
});
export type OidcFlow = z.infer<typeof OidcFlow>;

const AUDIENCE = "causeway-oidc-flow";

function flowKey(secret: string): Uint8Array {
  return createHash("sha256").update(`causeway-oidc-flow-key:${secret}`).digest();
}

export function sealFlow(
  flow: Omit<OidcFlow, "id" | "exp">,
  secret: string,
  nowMs: number,
): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  return new EncryptJWT({ ...flow, id: randomUUID() })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + FLOW_TTL_SECONDS)
    .encrypt(flowKey(secret));
}

/** The flow, or null when the cookie is missing, forged, altered or expired. */
export async function openFlow(
  sealed: string | null,
  secret: string,
  nowMs: number,
): Promise<OidcFlow | null> {
  if (!sealed) return null;
  try {
    const { payload } = await jwtDecrypt(sealed, flowKey(secret), {
      audience: AUDIENCE,
      currentDate: new Date(nowMs),
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    const parsed = OidcFlow.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function flowAttributes(secure: boolean, maxAge: number): string {
  // Lax, so the cookie comes back on the provider's top-level redirect to the callback.
  return [
    "Path=/api/auth/oidc",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAge}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export const flowCookie = (sealed: string, secure: boolean) =>
  `${FLOW_COOKIE}=${sealed}; ${flowAttributes(secure, FLOW_TTL_SECONDS)}`;
export const clearedFlowCookie = (secure: boolean) =>
  `${FLOW_COOKIE}=; ${flowAttributes(secure, 0)}`;

/**
 * Flow ids already used, until they expire: a copied cookie cannot start a second callback.
 * In memory, per app process; the provider also refuses a reused authorization code.
 */
export function usedFlows(maxEntries = 10_000) {
  const used = new Map<string, number>();
  return {
    /** True the first time for `flow`, false for a replay. */
    claim(flow: OidcFlow, nowMs: number): boolean {
      for (const [id, exp] of used) if (exp * 1000 <= nowMs) used.delete(id);
      if (used.has(flow.id)) return false;
      if (used.size >= maxEntries) used.delete(used.keys().next().value as string);
      used.set(flow.id, flow.exp);
      return true;
    },
  };
}
