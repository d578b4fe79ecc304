import { CorrelationId } from "@/lib/chain/correlation-id";
import { chainDelivery } from "@/lib/chain/delivery";
import { findChainEvents } from "@/lib/elastic/chains";
import { serverContext } from "@/lib/server/context";
import { requireRole } from "../../../_http/auth";
import { errorResponse, storeFailure } from "../../../_http/responses";

export const dynamic = "force-dynamic";

/** Delivery status per event and consumer group, from the groups' committed offsets. */
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
  const { config, es, offsets } = serverContext();
  let events;
  try {
    ({ events } = await findChainEvents(es, config.indexPrefix, parsed.data));
  } catch (error) {
    return storeFailure(error);
  }
  if (events.length === 0) {
    return errorResponse(404, `No events are indexed for correlation id "${parsed.data}".`);
  }
  try {
    const snapshot = await offsets.read();
    return Response.json(chainDelivery(parsed.data, events, snapshot.offsets, snapshot.readAt), {
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
