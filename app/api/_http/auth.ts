import { CorrelationId } from "@/lib/chain/correlation-id";
import type { Principal, Role } from "@/lib/auth/roles";
import { authorizeRequest } from "@/lib/server/auth";
import { serverContext } from "@/lib/server/context";
import { errorResponse } from "./responses";

/**
 * The guard every route handler calls first, after the proxy has let the request in:
 *
 *   const principal = await requireRole(request, "operator");
 *   if (principal instanceof Response) return principal;
 *
 * Gives the signed-in principal, or the response to send: 401 JSON without a valid session or
 * token, 403 JSON for a role below `role` or a state-changing request from a foreign Origin.
 */
export async function requireRole(request: Request, role: Role): Promise<Principal | Response> {
  const decision = await authorizeRequest(request, serverContext().config.auth, role);
  return decision.ok ? decision.principal : errorResponse(decision.status, decision.error);
}

export type ChainRequest = { principal: Principal; correlationId: string };

/**
 * The preamble of every `/api/.../chains/{correlationId}` read: a viewer or above, and an id
 * that parses. Gives both, or the 401/403/400 response to send.
 */
export async function readChainRequest(
  request: Request,
  params: Promise<{ correlationId: string }>,
): Promise<ChainRequest | Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const parsed = CorrelationId.safeParse((await params).correlationId);
  if (!parsed.success) {
    return errorResponse(400, `Malformed correlation id: ${parsed.error.issues[0]?.message}.`);
  }
  return { principal, correlationId: parsed.data };
}
