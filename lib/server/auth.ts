import {
  authorize,
  PEER_HEADER,
  PEER_STAMP_ENV,
  peerFromHeader,
  SESSION_COOKIE,
  type AuthDecision,
} from "../auth/authorize";
import { readCookie } from "../auth/cookies";
import type { Role } from "../auth/roles";
import type { AuthConfig } from "../config/auth";

/** The peer address the app server vouches for, or null (not served by scripts/serve-app.ts). */
export function vouchedPeer(headers: Headers): string | null {
  // Not a setting: the stamp is made by the app server at start, in this process only.
  return peerFromHeader(headers.get(PEER_HEADER), process.env[PEER_STAMP_ENV]);
}

/** The auth decision for a Fetch API request (route handlers and the proxy share it). */
export function authorizeRequest(
  request: Request,
  config: AuthConfig,
  required: Role,
): Promise<AuthDecision> {
  return authorize(
    {
      method: request.method,
      headers: request.headers,
      sessionCookie: readCookie(request.headers.get("cookie"), SESSION_COOKIE),
      peer: vouchedPeer(request.headers),
    },
    config,
    required,
    Date.now(),
  );
}
