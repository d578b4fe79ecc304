import { readCookie, servedOverHttps, sessionCookie } from "@/lib/auth/cookies";
import { clearedFlowCookie, FLOW_COOKIE } from "@/lib/auth/oidc-flow";
import { issueSession } from "@/lib/auth/session-token";
import { completeOidcSignIn } from "@/lib/server/oidc";
import { serverContext } from "@/lib/server/context";
import { errorResponse } from "../../../_http/responses";

export const dynamic = "force-dynamic";

/** The provider's redirect back: on success our usual session cookie, else the sign-in page saying why. */
export async function GET(request: Request): Promise<Response> {
  const auth = serverContext().config.auth;
  const { oidc, sessionSecret } = auth;
  if (!oidc || !sessionSecret)
    return errorResponse(404, "OpenID Connect sign-in is not configured.");
  const secure = servedOverHttps(request.url, request.headers);
  const result = await completeOidcSignIn(
    oidc,
    sessionSecret,
    readCookie(request.headers.get("cookie"), FLOW_COOKIE),
    new URL(request.url).searchParams,
    Date.now(),
  );
  const headers = new Headers({ "cache-control": "no-store" });
  headers.append("set-cookie", clearedFlowCookie(secure));
  if (!result.ok) {
    headers.set(
      "location",
      `/login?${new URLSearchParams({ error: "oidc", message: result.message })}`,
    );
    return new Response(null, { status: 303, headers });
  }
  const token = await issueSession(
    result.username,
    result.role,
    auth.sessionTtlSeconds,
    sessionSecret,
    Date.now(),
  );
  headers.append("set-cookie", sessionCookie(token, secure, auth.sessionTtlSeconds));
  headers.set("location", result.next);
  return new Response(null, { status: 303, headers });
}
