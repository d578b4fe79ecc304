import { serverContext } from "@/lib/server/context";
import { getChainLag } from "@/lib/server/get-chain-lag";
import { errorResponse, storeFailure } from "../../../_http/responses";
import { readChainRequest } from "../../../_http/auth";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ correlationId: string }> },
): Promise<Response> {
  const chainRequest = await readChainRequest(request, params);
  if (chainRequest instanceof Response) return chainRequest;
  const { correlationId } = chainRequest;
  const { config, es } = serverContext();
  try {
    const lag = await getChainLag(es, config, correlationId);
    if (!lag) {
      return errorResponse(404, `No events are indexed for correlation id "${correlationId}".`);
    }
    return Response.json(lag, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
