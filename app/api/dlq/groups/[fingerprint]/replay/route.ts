import { GroupReplayRequest } from "@/lib/dlq/api";
import { serverContext } from "@/lib/server/context";
import { replayGroup } from "@/lib/server/replay-group";
import { replayDeps } from "@/lib/server/replay-deps";
import { readGroupPost } from "../../../../_http/dlq-group";
import { dlqFailure } from "../../../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** Replays the listed records of a group at the configured rate; one result per record. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ fingerprint: string }> },
): Promise<Response> {
  const post = await readGroupPost(request, params, GroupReplayRequest);
  if (post instanceof Response) return post;
  const { principal, fingerprint, body } = post;
  try {
    const results = await replayGroup(
      replayDeps(),
      { ...body, fingerprint },
      principal.username,
      serverContext().config.replayRate,
    );
    return Response.json({ results });
  } catch (error) {
    return dlqFailure(error);
  }
}
