import { GroupReplayDryRunRequest } from "@/lib/dlq/api";
import { dryRunGroupReplay } from "@/lib/server/replay-group";
import { replayDeps } from "@/lib/server/replay-deps";
import { readGroupPost } from "../../../../../_http/dlq-group";
import { dlqFailure } from "../../../../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** What replaying the group would do, record by record; produces nothing. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ fingerprint: string }> },
): Promise<Response> {
  const post = await readGroupPost(request, params, GroupReplayDryRunRequest);
  if (post instanceof Response) return post;
  const { principal, fingerprint, body } = post;
  try {
    const results = await dryRunGroupReplay(
      replayDeps(),
      { ...body, fingerprint },
      principal.username,
    );
    return Response.json({ results });
  } catch (error) {
    return dlqFailure(error);
  }
}
