import { BoardFilter } from "@/lib/dlq/board";
import { serverContext } from "@/lib/server/context";
import { getGroupRecords } from "@/lib/server/dlq-board";
import { parseQuery } from "../../../../_http/body";
import { readGroupRequest } from "../../../../_http/dlq-group";
import { dlqFailure } from "../../../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** The newest records of one failure group, each with its state and replays. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ fingerprint: string }> },
): Promise<Response> {
  const group = await readGroupRequest(request, params, "viewer");
  if (group instanceof Response) return group;
  const { fingerprint } = group;
  const filter = parseQuery(request, BoardFilter);
  if (!filter.ok) return filter.response;
  const { config, es } = serverContext();
  try {
    const records = await getGroupRecords(es, config.indexPrefix, fingerprint, filter.value);
    return Response.json({ records }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return dlqFailure(error);
  }
}
