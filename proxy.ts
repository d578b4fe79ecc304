import { NextResponse, type NextRequest } from "next/server";
import { loadConfig, type Config } from "@/lib/config/config";
import { authorizeRequest } from "@/lib/server/auth";

/**
 * Login is required for everything but the sign-in page itself: pages without a session go to
 * /login (and come back after), the API answers 401/403 JSON. Route handlers check again with
 * `requireRole`, so a route the matcher misses is still guarded.
 */
const PUBLIC_PATHS = new Set(["/login", "/api/auth/login", "/api/auth/logout"]);

let appConfig: Config | undefined;

function json(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

export function proxy(request: NextRequest): Response {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.has(pathname)) return NextResponse.next();
  try {
    appConfig ??= loadConfig(process.env);
  } catch (error) {
    return json(503, (error as Error).message);
  }
  const { auth } = appConfig;
  const decision = authorizeRequest(request, auth, "viewer");
  if (decision.ok) return NextResponse.next();
  const isPage = !pathname.startsWith("/api/") && request.method === "GET";
  if (decision.status === 401 && isPage && auth.mode === "local") {
    // Next sends a redirect to its own origin as a relative Location, so it stays right behind
    // a reverse proxy whatever host Next believes it has.
    const login = request.nextUrl.clone();
    login.pathname = "/login";
    login.search = new URLSearchParams({ next: `${pathname}${search}` }).toString();
    return NextResponse.redirect(login, 303);
  }
  return json(decision.status, decision.error);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
