import { serverContext } from "@/lib/server/context";
import { getDlqSummary } from "@/lib/server/dlq-board";
import { requireRole } from "../../_http/auth";
import { dlqFailure } from "../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** How many dead letters are new, and the depth of each DLQ topic. */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const { config, es } = serverContext();
  try {
    const summary = await getDlqSummary(es, config.indexPrefix);
    return Response.json(summary, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return dlqFailure(error);
  }
}
