import { chainDelivery } from "@/lib/chain/delivery";
import { findChainSummaries } from "@/lib/elastic/chains";
import { serverContext } from "@/lib/server/context";
import { readChainRequest } from "../../../_http/auth";
import { errorResponse, storeFailure } from "../../../_http/responses";

export const dynamic = "force-dynamic";

/** Delivery status per event and consumer group, from the groups' committed offsets. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ correlationId: string }> },
): Promise<Response> {
  const chainRequest = await readChainRequest(request, params);
  if (chainRequest instanceof Response) return chainRequest;
  const { correlationId } = chainRequest;
  const { config, es, offsets } = serverContext();
  let events;
  try {
    ({ events } = await findChainSummaries(es, config.indexPrefix, correlationId));
  } catch (error) {
    return storeFailure(error);
  }
  if (events.length === 0) {
    return errorResponse(404, `No events are indexed for correlation id "${correlationId}".`);
  }
  try {
    const snapshot = await offsets.read();
    return Response.json(chainDelivery(correlationId, events, snapshot.offsets, snapshot.readAt), {
      headers: { "cache-control": "no-store" },
    });
  } catch (error) {
    console.error(error);
    return errorResponse(
      503,
      "Kafka is not reachable, so committed offsets cannot be read; try again shortly.",
    );
  }
}
