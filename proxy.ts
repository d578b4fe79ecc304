import { NextResponse, type NextRequest } from "next/server";
import { loadConfig, type Config } from "@/lib/config/config";
import { servedOverHttps } from "@/lib/auth/cookies";
import {
  NON_DOCUMENT_POLICY,
  newNonce,
  pagePolicy,
  securityHeaders,
} from "@/lib/http/security-headers";
import { authorizeRequest } from "@/lib/server/auth";

/**
 * Every request but the build's static files passes here. Login is required for everything but
 * the sign-in page itself: pages without a session go to /login (and come back after), the API
 * answers 401/403 JSON. Route handlers check again with `requireRole`, so a route the matcher
 * misses is still guarded. Every answer leaves with the security headers; a page request also
 * carries its Content-Security-Policy inward, which is how Next learns the nonce for its scripts.
 */
const PUBLIC_PATHS = new Set([
  "/login",
  "/api/auth/login",
  "/api/auth/logout",
  "/api/auth/oidc/login",
  "/api/auth/oidc/callback",
]);

let appConfig: Config | undefined;

function json(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const https = servedOverHttps(request.url, request.headers);
  // Machine endpoints answer JSON errors and get no page policy; /metrics is Prometheus'.
  const isApi = pathname.startsWith("/api/") || pathname === "/metrics";
  const policy = isApi
    ? NON_DOCUMENT_POLICY
    : pagePolicy(newNonce(), { development: process.env.NODE_ENV === "development", https });
  const secured = (response: Response): Response => {
    for (const [name, value] of Object.entries(securityHeaders(policy, https))) {
      response.headers.set(name, value);
    }
    return response;
  };
  const pass = (): Response => {
    const headers = new Headers(request.headers);
    headers.set("content-security-policy", policy);
    return secured(NextResponse.next({ request: { headers } }));
  };

  if (PUBLIC_PATHS.has(pathname)) return pass();
  try {
    appConfig ??= loadConfig(process.env);
  } catch (error) {
    return secured(json(503, (error as Error).message));
  }
  const { auth } = appConfig;
  const decision = await authorizeRequest(request, auth, "viewer");
  if (decision.ok) return pass();
  const isPage = !isApi && request.method === "GET";
  if (decision.status === 401 && isPage && auth.mode === "local") {
    // Next sends a redirect to its own origin as a relative Location, so it stays right behind
    // a reverse proxy whatever host Next believes it has.
    const login = request.nextUrl.clone();
    login.pathname = "/login";
    login.search = new URLSearchParams({ next: `${pathname}${search}` }).toString();
    return secured(NextResponse.redirect(login, 303));
  }
  return secured(json(decision.status, decision.error));
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
