import { chainDelivery } from "@/lib/chain/delivery";
import { findChainSummaries } from "@/lib/elastic/chains";
import { chainRead } from "../../../_http/auth";
import { errorResponse, noChainEvents, storeFailure } from "../../../_http/responses";

export const dynamic = "force-dynamic";

/** Delivery status per event and consumer group, from the groups' committed offsets. */
export const GET = chainRead(async ({ correlationId }, { config, es, offsets }) => {
  let events;
  try {
    ({ events } = await findChainSummaries(es, config.indexPrefix, correlationId));
  } catch (error) {
    return storeFailure(error);
  }
  if (events.length === 0) return noChainEvents(correlationId);
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
});
