import { GroupReplayRequest } from "@/lib/dlq/api";
import { serverContext } from "@/lib/server/context";
import { replayGroup } from "@/lib/server/replay-group";
import { replayDeps } from "@/lib/server/replay-deps";
import { parseBody } from "../../../../_http/body";
import { readGroupRequest } from "../../../../_http/dlq-group";
import { dlqFailure } from "../../../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** Replays the listed records of a group at the configured rate; one result per record. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ fingerprint: string }> },
): Promise<Response> {
  const group = await readGroupRequest(request, params, "operator");
  if (group instanceof Response) return group;
  const { principal, fingerprint } = group;
  const body = await parseBody(request, GroupReplayRequest);
  if (!body.ok) return body.response;
  try {
    const results = await replayGroup(
      await replayDeps(),
      { ...body.value, fingerprint },
      principal.username,
      serverContext().config.replayRate,
    );
    return Response.json({ results });
  } catch (error) {
    return dlqFailure(error);
  }
}
