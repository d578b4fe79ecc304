import { ReplayRequest } from "@/lib/dlq/api";
import { replayRecord } from "@/lib/server/replay";
import { replayDeps } from "@/lib/server/replay-deps";
import { parseBody } from "../../_http/body";
import { requireRole } from "../../_http/auth";
import { dlqFailure } from "../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/**
 * Replays one dead letter. The same record and generation never produce twice: a repeat of the
 * same request answers 200 with the first outcome, a different one 409.
 */
export async function POST(request: Request): Promise<Response> {
  const principal = await requireRole(request, "operator");
  if (principal instanceof Response) return principal;
  const body = await parseBody(request, ReplayRequest);
  if (!body.ok) return body.response;
  try {
    const outcome = await replayRecord(replayDeps(), body.value, principal.username);
    return Response.json(outcome, { status: outcome.duplicate ? 200 : 201 });
  } catch (error) {
    return dlqFailure(error);
  }
}
