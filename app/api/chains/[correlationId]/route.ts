import { summariesVisibleTo } from "@/lib/auth/masking";
import { serverContext } from "@/lib/server/context";
import { getChain } from "@/lib/server/get-chain";
import { readChainRequest } from "../../_http/auth";
import { errorResponse, storeFailure } from "../../_http/responses";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ correlationId: string }> },
): Promise<Response> {
  const chainRequest = await readChainRequest(request, params);
  if (chainRequest instanceof Response) return chainRequest;
  const { principal, correlationId } = chainRequest;
  const { config, es, flowStats } = serverContext();
  try {
    const stats = await flowStats.read();
    const chain = await getChain(es, config.indexPrefix, correlationId, {
      stats,
      learn: config.learn,
      now: Date.now(),
    });
    if (!chain) {
      return errorResponse(404, `No events are indexed for correlation id "${correlationId}".`);
    }
    const events = summariesVisibleTo(principal.role, chain.events, config.auth.maskPaths);
    return Response.json({ ...chain, events }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
