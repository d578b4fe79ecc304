import { CorrelationId } from "@/lib/chain/correlation-id";
import type { Principal, Role } from "@/lib/auth/roles";
import { authorizeRequest } from "@/lib/server/auth";
import { serverContext, type ServerContext } from "@/lib/server/context";
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
 * The GET handler of a `/api/.../chains/{correlationId}` read: `read` runs, with the server's
 * context, only for a viewer or above and an id that parses; otherwise the handler answers 401 or
 * 403 JSON, or 400 JSON naming what is wrong with the id.
 *
 *   export const GET = chainRead(async ({ correlationId }, { config, es }) => ...);
 */
export function chainRead(
  read: (chainRequest: ChainRequest, context: ServerContext) => Promise<Response>,
): (
  request: Request,
  context: { params: Promise<{ correlationId: string }> },
) => Promise<Response> {
  return async (request, { params }) => {
    const principal = await requireRole(request, "viewer");
    if (principal instanceof Response) return principal;
    const parsed = CorrelationId.safeParse((await params).correlationId);
    if (!parsed.success) {
      return errorResponse(400, `Malformed correlation id: ${parsed.error.issues[0]?.message}.`);
    }
    return read({ principal, correlationId: parsed.data }, serverContext());
  };
}
