import { GroupReplayDryRunRequest } from "@/lib/dlq/api";
import { dryRunGroupReplay } from "@/lib/server/replay-group";
import { replayDeps } from "@/lib/server/replay-deps";
import { parseBody } from "../../../../../_http/body";
import { readGroupRequest } from "../../../../../_http/dlq-group";
import { dlqFailure } from "../../../../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** What replaying the group would do, record by record; produces nothing. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ fingerprint: string }> },
): Promise<Response> {
  const group = await readGroupRequest(request, params, "operator");
  if (group instanceof Response) return group;
  const { principal, fingerprint } = group;
  const body = await parseBody(request, GroupReplayDryRunRequest);
  if (!body.ok) return body.response;
  try {
    const results = await dryRunGroupReplay(
      await replayDeps(),
      { ...body.value, fingerprint },
      principal.username,
    );
    return Response.json({ results });
  } catch (error) {
    return dlqFailure(error);
  }
}
