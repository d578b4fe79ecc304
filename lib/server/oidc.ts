import * as client from "openid-client";
import type { OidcSettings } from "../config/auth";
import { signInFromClaims, type OidcSignIn } from "../auth/oidc-claims";
import { openFlow, sealFlow, usedFlows } from "../auth/oidc-flow";
import { safeReturnPath } from "../auth/return-path";

let discovered: { issuer: string; config: Promise<client.Configuration> } | undefined;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The provider's metadata, discovered once per process (again after a failed attempt). */
function providerConfig(oidc: OidcSettings): Promise<client.Configuration> {
  if (discovered?.issuer !== oidc.issuer) {
    const issuer = new URL(oidc.issuer);
    // Plain http only to a provider on this machine (development, tests); never across a network.
    const insecure = issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);
    const config = client.discovery(
      issuer,
      oidc.clientId,
      undefined,
      oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    config.catch(() => (discovered = undefined));
    discovered = { issuer: oidc.issuer, config };
  }
  return discovered.config;
}

/** Where to send the browser to sign in, and the sealed flow cookie value to set beside it. */
export async function beginOidcSignIn(
  oidc: OidcSettings,
  secret: string,
  next: unknown,
  nowMs: number,
): Promise<{ location: string; sealedFlow: string }> {
  const config = await providerConfig(oidc);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const location = client.buildAuthorizationUrl(config, {
    redirect_uri: oidc.redirectUrl,
    scope: oidc.scopes,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const sealedFlow = await sealFlow(
    { state, nonce, verifier, next: safeReturnPath(next) },
    secret,
    nowMs,
  );
  return { location: location.href, sealedFlow };
}

export type OidcCallbackResult =
  (OidcSignIn & { ok: true; next: string }) | { ok: false; reason: string; message: string };

const used = usedFlows();

/**
 * Completes a sign-in: the flow cookie must be genuine, unused and match the returned state;
 * openid-client then redeems the code with the PKCE verifier and checks the ID token (issuer,
 * audience, signature, nonce). Groups are read from the ID token, else from userinfo.
 */
export async function completeOidcSignIn(
  oidc: OidcSettings,
  secret: string,
  sealedFlow: string | null,
  query: URLSearchParams,
  nowMs: number,
): Promise<OidcCallbackResult> {
  const flow = await openFlow(sealedFlow, secret, nowMs);
  if (!flow) {
    return {
      ok: false,
      reason: "flow",
      message: "The sign-in expired or was not started here; try again.",
    };
  }
  if (query.get("error")) {
    return { ok: false, reason: "provider", message: "The identity provider refused the sign-in." };
  }
  if (query.get("state") !== flow.state || !used.claim(flow, nowMs)) {
    return { ok: false, reason: "state", message: "The sign-in could not be verified; try again." };
  }
  const config = await providerConfig(oidc);
  const currentUrl = new URL(oidc.redirectUrl);
  currentUrl.search = query.toString();
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error("no ID token");
    claims = { ...idClaims };
    if (!(oidc.roles.groupsClaim in claims)) {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...claims };
    }
  } catch (error) {
    console.error("OpenID Connect sign-in failed:", (error as Error).message);
    return { ok: false, reason: "token", message: "The sign-in could not be verified; try again." };
  }
  const result = signInFromClaims(claims, oidc.roles);
  return result.ok ? { ...result, next: flow.next } : result;
}
