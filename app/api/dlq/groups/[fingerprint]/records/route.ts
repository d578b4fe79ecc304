import { Fingerprint } from "@/lib/dlq/api";
import { BoardFilter } from "@/lib/dlq/board";
import { serverContext } from "@/lib/server/context";
import { getGroupRecords } from "@/lib/server/dlq-board";
import { parseQuery } from "../../../../_http/body";
import { requireRole } from "../../../../_http/auth";
import { dlqFailure } from "../../../../_http/dlq-errors";
import { errorResponse } from "../../../../_http/responses";

export const dynamic = "force-dynamic";

/** The newest records of one failure group, each with its state and replays. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ fingerprint: string }> },
): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const fingerprint = Fingerprint.safeParse((await params).fingerprint);
  if (!fingerprint.success) return errorResponse(400, "Malformed group fingerprint.");
  const filter = parseQuery(request, BoardFilter);
  if (!filter.ok) return filter.response;
  const { config, es } = serverContext();
  try {
    const records = await getGroupRecords(es, config.indexPrefix, fingerprint.data, filter.value);
    return Response.json({ records }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return dlqFailure(error);
  }
}
