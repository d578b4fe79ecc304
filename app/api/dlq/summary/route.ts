import { serverContext } from "@/lib/server/context";
import { getDlqSummary } from "@/lib/server/dlq-board";
import { callerOf } from "../../_http/caller";
import { dlqFailure } from "../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** How many dead letters are new, and the depth of each DLQ topic. */
export async function GET(request: Request): Promise<Response> {
  callerOf(request);
  const { config, es } = serverContext();
  try {
    const summary = await getDlqSummary(es, config.indexPrefix);
    return Response.json(summary, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return dlqFailure(error);
  }
}
