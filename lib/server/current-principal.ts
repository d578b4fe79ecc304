import { cookies, headers } from "next/headers";
import { authenticate, SESSION_COOKIE } from "../auth/authorize";
import type { Principal } from "../auth/roles";
import { vouchedPeer } from "./auth";
import { serverContext } from "./context";

/** The signed-in principal of the request being rendered, for server components; or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  const requestHeaders = new Headers(headerList);
  const decision = await authenticate(
    {
      method: "GET",
      headers: requestHeaders,
      sessionCookie: cookieStore.get(SESSION_COOKIE)?.value ?? null,
      peer: vouchedPeer(requestHeaders),
    },
    serverContext().config.auth,
    Date.now(),
  );
  return decision.ok ? decision.principal : null;
}
