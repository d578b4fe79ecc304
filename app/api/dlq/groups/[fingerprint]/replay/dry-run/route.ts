import { Fingerprint, GroupReplayDryRunRequest } from "@/lib/dlq/api";
import { dryRunGroupReplay } from "@/lib/server/replay-group";
import { replayDeps } from "@/lib/server/replay-deps";
import { parseBody } from "../../../../../_http/body";
import { requireRole } from "../../../../../_http/auth";
import { dlqFailure } from "../../../../../_http/dlq-errors";
import { errorResponse } from "../../../../../_http/responses";

export const dynamic = "force-dynamic";

/** What replaying the group would do, record by record; produces nothing. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ fingerprint: string }> },
): Promise<Response> {
  const principal = await requireRole(request, "operator");
  if (principal instanceof Response) return principal;
  const fingerprint = Fingerprint.safeParse((await params).fingerprint);
  if (!fingerprint.success) return errorResponse(400, "Malformed group fingerprint.");
  const body = await parseBody(request, GroupReplayDryRunRequest);
  if (!body.ok) return body.response;
  try {
    const results = await dryRunGroupReplay(
      await replayDeps(),
      { ...body.value, fingerprint: fingerprint.data },
      principal.username,
    );
    return Response.json({ results });
  } catch (error) {
    return dlqFailure(error);
  }
}
