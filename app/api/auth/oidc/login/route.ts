import { servedOverHttps } from "@/lib/auth/cookies";
import { flowCookie } from "@/lib/auth/oidc-flow";
import { beginOidcSignIn } from "@/lib/server/oidc";
import { serverContext } from "@/lib/server/context";
import { errorResponse } from "../../../_http/responses";

export const dynamic = "force-dynamic";

/** Sends the browser to the identity provider, keeping state, nonce and PKCE in the flow cookie. */
export async function GET(request: Request): Promise<Response> {
  const { oidc, sessionSecret } = serverContext().config.auth;
  if (!oidc || !sessionSecret)
    return errorResponse(404, "OpenID Connect sign-in is not configured.");
  const next = new URL(request.url).searchParams.get("next");
  const { location, sealedFlow } = await beginOidcSignIn(oidc, sessionSecret, next, Date.now());
  const secure = servedOverHttps(request.url, request.headers);
  return new Response(null, {
    status: 303,
    headers: {
      location,
      "set-cookie": flowCookie(sealedFlow, secure),
      "cache-control": "no-store",
    },
  });
}
