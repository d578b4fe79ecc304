import { z } from "zod";
import { originAllowed } from "@/lib/auth/authorize";
import { servedOverHttps, sessionCookie } from "@/lib/auth/cookies";
import { safeReturnPath } from "@/lib/auth/return-path";
import { issueSession } from "@/lib/auth/session-token";
import { vouchedPeer } from "@/lib/server/auth";
import { serverContext } from "@/lib/server/context";
import { attemptSignIn } from "@/lib/server/sign-in";
import { errorResponse } from "../../_http/responses";

export const dynamic = "force-dynamic";

const Credentials = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
  next: z.string().optional(),
});

const WRONG = "Wrong username or password.";

/**
 * Local sign-in. The sign-in page posts a form and is redirected (303) back to where it came
 * from; a JSON body gets a JSON answer. Either way the session travels only in the cookie.
 */
export async function POST(request: Request): Promise<Response> {
  const { config } = serverContext();
  const auth = config.auth;
  if (!auth.sessionSecret) {
    return errorResponse(
      503,
      "CAUSEWAY_SESSION_SECRET is not set; Causeway does not serve without it.",
    );
  }
  if (auth.mode !== "local") return errorResponse(404, "Sign-in is handled by the trusted proxy.");
  if (!originAllowed(request.headers, auth.allowedOrigins)) {
    return errorResponse(403, "Refused a state-changing request without this app's Origin.");
  }
  const isForm = !(request.headers.get("content-type") ?? "").includes("application/json");
  const body: unknown = isForm
    ? Object.fromEntries(await request.formData().catch(() => new FormData()))
    : await request.json().catch(() => null);
  const parsed = Credentials.safeParse(body);
  const next = safeReturnPath(parsed.success ? parsed.data.next : undefined);
  if (!parsed.success) {
    if (!isForm) return errorResponse(400, "Send username and password.");
    return loginPage({ error: "credentials", next });
  }
  const attempt = await attemptSignIn(
    parsed.data.username,
    parsed.data.password,
    vouchedPeer(request.headers),
    auth,
  );

  if (!attempt.ok && attempt.reason === "throttled") {
    const retryAfter = String(attempt.retryAfterSeconds);
    const message = `Too many failed sign-ins; try again in ${retryAfter} s.`;
    if (!isForm) {
      return Response.json(
        { error: message },
        { status: 429, headers: { "retry-after": retryAfter, "cache-control": "no-store" } },
      );
    }
    return loginPage({ error: "throttled", retryAfter, next });
  }
  if (!attempt.ok) {
    if (!isForm) return errorResponse(401, WRONG);
    return loginPage({ error: "credentials", next });
  }
  const { user } = attempt;

  const token = await issueSession(
    user.username,
    user.role,
    auth.sessionTtlSeconds,
    auth.sessionSecret,
    Date.now(),
  );
  const cookie = sessionCookie(
    token,
    servedOverHttps(request.url, request.headers),
    auth.sessionTtlSeconds,
  );
  const headers = { "set-cookie": cookie, "cache-control": "no-store" };
  if (!isForm) return Response.json({ username: user.username, role: user.role }, { headers });
  return new Response(null, { status: 303, headers: { ...headers, location: next } });
}

/**
 * Back to the sign-in page, saying why. A throttled form post still redirects, so the browser
 * shows the page, but carries Retry-After for scripts that drive the form.
 */
function loginPage(query: Record<string, string>): Response {
  const headers: Record<string, string> = {
    location: `/login?${new URLSearchParams(query)}`,
    "cache-control": "no-store",
  };
  if (query.retryAfter) headers["retry-after"] = query.retryAfter;
  return new Response(null, { status: 303, headers });
}
