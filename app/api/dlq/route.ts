import { BoardFilter } from "@/lib/dlq/board";
import { serverContext } from "@/lib/server/context";
import { getBoard } from "@/lib/server/dlq-board";
import { parseQuery } from "../_http/body";
import { requireRole } from "../_http/auth";
import { dlqFailure } from "../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** The DLQ board: dead letters grouped by failure, with triage state, filtered by the query. */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const filter = parseQuery(request, BoardFilter);
  if (!filter.ok) return filter.response;
  const { config, es } = serverContext();
  try {
    const board = await getBoard(es, config.indexPrefix, filter.value, new Date());
    return Response.json(board, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return dlqFailure(error);
  }
}
