import { CorrelationId } from "@/lib/chain/correlation-id";
import { serverContext } from "@/lib/server/context";
import { getChainLag } from "@/lib/server/get-chain-lag";
import { errorResponse, storeFailure } from "../../../_http/responses";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ correlationId: string }> },
): Promise<Response> {
  const parsed = CorrelationId.safeParse((await params).correlationId);
  if (!parsed.success) {
    return errorResponse(400, `Malformed correlation id: ${parsed.error.issues[0]?.message}.`);
  }
  const { config, es } = serverContext();
  try {
    const lag = await getChainLag(es, config, parsed.data);
    if (!lag) {
      return errorResponse(404, `No events are indexed for correlation id "${parsed.data}".`);
    }
    return Response.json(lag, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
