import { CorrelationId } from "@/lib/chain/correlation-id";
import { serverContext } from "@/lib/server/context";
import { getChainDeadLetters } from "@/lib/server/dlq-board";
import { requireRole } from "../../../_http/auth";
import { dlqFailure } from "../../../_http/dlq-errors";
import { errorResponse } from "../../../_http/responses";

export const dynamic = "force-dynamic";

/** The dead letters of one chain with their triage state and replays, for the chain page. */
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
  const { config, es } = serverContext();
  try {
    const records = await getChainDeadLetters(es, config.indexPrefix, parsed.data);
    return Response.json({ records }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return dlqFailure(error);
  }
}
