import { originAllowed } from "@/lib/auth/authorize";
import { clearedSessionCookie, servedOverHttps } from "@/lib/auth/cookies";
import { serverContext } from "@/lib/server/context";
import { errorResponse } from "../../_http/responses";

export const dynamic = "force-dynamic";

/** Signs out: clears the session cookie and goes to the sign-in page. Open without a session. */
export async function POST(request: Request): Promise<Response> {
  if (!originAllowed(request.headers, serverContext().config.auth.allowedOrigins)) {
    return errorResponse(403, "Refused a state-changing request without this app's Origin.");
  }
  const cookie = clearedSessionCookie(servedOverHttps(request.url, request.headers));
  return new Response(null, {
    status: 303,
    headers: { "set-cookie": cookie, location: "/login", "cache-control": "no-store" },
  });
}
