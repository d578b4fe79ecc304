import { createLogger, errorMessage } from "@/lib/log";
import { metricsRegistry, setLagGauges } from "@/lib/server/app-metrics";
import { serverContext } from "@/lib/server/context";
import { getLagOverview } from "@/lib/server/get-lag-overview";
import { requireRole } from "../api/_http/auth";

export const dynamic = "force-dynamic";

const log = createLogger("metrics");

/**
 * Prometheus metrics of the app server, with every consumer group's lag verdict read at scrape
 * time (what the alert rules in docs/prometheus use). Behind sign-in like everything else: scrape it with an
 * API token (`authorization: Bearer …`, Prometheus' `authorization` block).
 */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const { es, config } = serverContext();
  try {
    setLagGauges(await getLagOverview(es, config));
  } catch (error) {
    log.warn("lag samples unreadable for /metrics", { error: errorMessage(error) });
    setLagGauges(null);
  }
  return new Response(await metricsRegistry.metrics(), {
    headers: { "content-type": metricsRegistry.contentType, "cache-control": "no-store" },
  });
}
