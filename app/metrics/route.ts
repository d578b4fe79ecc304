import { metricsRegistry } from "@/lib/server/app-metrics";
import { requireRole } from "../api/_http/auth";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of the app server. Behind sign-in like everything else: scrape it with an
 * API token (`authorization: Bearer …`, Prometheus' `authorization` block).
 */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  return new Response(await metricsRegistry.metrics(), {
    headers: { "content-type": metricsRegistry.contentType, "cache-control": "no-store" },
  });
}
