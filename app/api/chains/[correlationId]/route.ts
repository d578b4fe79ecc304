import { summariesVisibleTo } from "@/lib/auth/masking";
import { getChain } from "@/lib/server/get-chain";
import { chainRead } from "../../_http/auth";
import { noChainEvents, storeFailure } from "../../_http/responses";

export const dynamic = "force-dynamic";

export const GET = chainRead(async ({ principal, correlationId }, { config, es, flowStats }) => {
  try {
    const stats = await flowStats.read();
    const chain = await getChain(es, config.indexPrefix, correlationId, {
      stats,
      learn: config.learn,
      now: Date.now(),
    });
    if (!chain) return noChainEvents(correlationId);
    const events = summariesVisibleTo(principal.role, chain.events, config.auth.maskPaths);
    return Response.json({ ...chain, events }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
});
