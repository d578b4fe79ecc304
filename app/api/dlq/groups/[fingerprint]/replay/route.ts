import { Fingerprint, GroupReplayRequest } from "@/lib/dlq/api";
import { serverContext } from "@/lib/server/context";
import { replayGroup } from "@/lib/server/replay-group";
import { replayDeps } from "@/lib/server/replay-deps";
import { parseBody } from "../../../../_http/body";
import { requireRole } from "../../../../_http/auth";
import { dlqFailure } from "../../../../_http/dlq-errors";
import { errorResponse } from "../../../../_http/responses";

export const dynamic = "force-dynamic";

/** Replays the listed records of a group at the configured rate; one result per record. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ fingerprint: string }> },
): Promise<Response> {
  const principal = await requireRole(request, "operator");
  if (principal instanceof Response) return principal;
  const fingerprint = Fingerprint.safeParse((await params).fingerprint);
  if (!fingerprint.success) return errorResponse(400, "Malformed group fingerprint.");
  const body = await parseBody(request, GroupReplayRequest);
  if (!body.ok) return body.response;
  try {
    const results = await replayGroup(
      await replayDeps(),
      { ...body.value, fingerprint: fingerprint.data },
      principal.username,
      serverContext().config.replayRate,
    );
    return Response.json({ results });
  } catch (error) {
    return dlqFailure(error);
  }
}
