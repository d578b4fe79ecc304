import { eventsVisibleTo } from "@/lib/auth/masking";
import { CorrelationId } from "@/lib/chain/correlation-id";
import { serverContext } from "@/lib/server/context";
import { getChain } from "@/lib/server/get-chain";
import { requireRole } from "../../_http/auth";
import { errorResponse, storeFailure } from "../../_http/responses";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ correlationId: string }> },
): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const parsed = CorrelationId.safeParse((await params).correlationId);
  if (!parsed.success) {
    return errorResponse(400, `Malformed correlation id: ${parsed.error.issues[0]?.message}.`);
  }
  const { config, es, flowStats } = serverContext();
  try {
    const stats = await flowStats.read();
    const chain = await getChain(es, config.indexPrefix, parsed.data, {
      stats,
      learn: config.learn,
      now: Date.now(),
    });
    if (!chain) {
      return errorResponse(404, `No events are indexed for correlation id "${parsed.data}".`);
    }
    const events = eventsVisibleTo(principal.role, chain.events, config.auth.maskPaths);
    return Response.json({ ...chain, events }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
