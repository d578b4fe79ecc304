import { getChainDeadLetters } from "@/lib/server/dlq-board";
import { chainRead } from "../../../_http/auth";
import { dlqFailure } from "../../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** The dead letters of one chain with their triage state and replays, for the chain page. */
export const GET = chainRead(async ({ correlationId }, { config, es }) => {
  try {
    const records = await getChainDeadLetters(es, config.indexPrefix, correlationId);
    return Response.json({ records }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return dlqFailure(error);
  }
});
