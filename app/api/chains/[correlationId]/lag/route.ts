import { getChainLag } from "@/lib/server/get-chain-lag";
import { chainRead } from "../../../_http/auth";
import { noChainEvents, storeFailure } from "../../../_http/responses";

export const dynamic = "force-dynamic";

export const GET = chainRead(async ({ correlationId }, { config, es }) => {
  try {
    const lag = await getChainLag(es, config, correlationId);
    if (!lag) return noChainEvents(correlationId);
    return Response.json(lag, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
});
