import { serverContext } from "@/lib/server/context";
import { getChainDeadLetters } from "@/lib/server/dlq-board";
import { readChainRequest } from "../../../_http/auth";
import { dlqFailure } from "../../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** The dead letters of one chain with their triage state and replays, for the chain page. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ correlationId: string }> },
): Promise<Response> {
  const chainRequest = await readChainRequest(request, params);
  if (chainRequest instanceof Response) return chainRequest;
  const { correlationId } = chainRequest;
  const { config, es } = serverContext();
  try {
    const records = await getChainDeadLetters(es, config.indexPrefix, correlationId);
    return Response.json({ records }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return dlqFailure(error);
  }
}
