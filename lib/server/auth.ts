import { authorize, SESSION_COOKIE, type AuthDecision } from "../auth/authorize";
import { readCookie } from "../auth/cookies";
import type { Role } from "../auth/roles";
import type { AuthConfig } from "../config/auth";

/** The auth decision for a Fetch API request (route handlers and the proxy share it). */
export function authorizeRequest(
  request: Request,
  config: AuthConfig,
  required: Role,
): AuthDecision {
  return authorize(
    {
      method: request.method,
      headers: request.headers,
      sessionCookie: readCookie(request.headers.get("cookie"), SESSION_COOKIE),
    },
    config,
    required,
    Date.now(),
  );
}
