import { TriageRequest } from "@/lib/dlq/api";
import { serverContext } from "@/lib/server/context";
import { triageItems } from "@/lib/server/dlq-board";
import { parseBody } from "../../_http/body";
import { callerOf } from "../../_http/caller";
import { dlqFailure } from "../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** Changes the state, assignee or notes of one or more groups or records. */
export async function POST(request: Request): Promise<Response> {
  const caller = callerOf(request);
  const body = await parseBody(request, TriageRequest);
  if (!body.ok) return body.response;
  const { config, es } = serverContext();
  try {
    const triages = await triageItems(
      es,
      config.indexPrefix,
      body.value.items,
      body.value.update,
      caller.name,
    );
    return Response.json({ triages });
  } catch (error) {
    return dlqFailure(error);
  }
}
