import { TriageRequest } from "@/lib/dlq/api";
import { serverContext } from "@/lib/server/context";
import { triageItems } from "@/lib/server/dlq-board";
import { parseBody } from "../../_http/body";
import { requireRole } from "../../_http/auth";
import { dlqFailure } from "../../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** Changes the state, assignee or notes of one or more groups or records. */
export async function POST(request: Request): Promise<Response> {
  const principal = await requireRole(request, "operator");
  if (principal instanceof Response) return principal;
  const body = await parseBody(request, TriageRequest);
  if (!body.ok) return body.response;
  const { config, es } = serverContext();
  try {
    const triages = await triageItems(
      es,
      config.indexPrefix,
      body.value.items,
      body.value.update,
      principal.username,
    );
    return Response.json({ triages });
  } catch (error) {
    return dlqFailure(error);
  }
}
