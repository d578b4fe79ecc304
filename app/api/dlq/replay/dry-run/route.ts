import { ReplayOptions } from "@/lib/replay/plan";
import { dryRunReplay } from "@/lib/server/replay";
import { replayDeps } from "@/lib/server/replay-deps";
import { parseBody } from "../../../_http/body";
import { requireRole } from "../../../_http/auth";
import { dlqFailure } from "../../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** Exactly what a replay would produce; produces nothing. */
export async function POST(request: Request): Promise<Response> {
  const principal = await requireRole(request, "operator");
  if (principal instanceof Response) return principal;
  const body = await parseBody(request, ReplayOptions);
  if (!body.ok) return body.response;
  try {
    return Response.json(await dryRunReplay(replayDeps(), body.value, principal.username));
  } catch (error) {
    return dlqFailure(error);
  }
}
