import { AuditQuery } from "@/lib/dlq/api";
import { listAudit } from "@/lib/elastic/audit-store";
import { serverContext } from "@/lib/server/context";
import { parseQuery } from "../_http/body";
import { requireRole } from "../_http/auth";
import { dlqFailure } from "../_http/dlq-errors";

export const dynamic = "force-dynamic";

/** Every replay and triage change, newest first; page with `before`. */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const query = parseQuery(request, AuditQuery);
  if (!query.ok) return query.response;
  const { config, es } = serverContext();
  try {
    const entries = await listAudit(es, config.indexPrefix, query.value);
    return Response.json({ entries }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return dlqFailure(error);
  }
}
