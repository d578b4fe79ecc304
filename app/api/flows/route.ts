import { serverContext } from "@/lib/server/context";
import { requireRole } from "../_http/auth";
import { errorResponse, storeFailure } from "../_http/responses";

export const dynamic = "force-dynamic";

/** `GET /api/flows`: the event-type graph the collector learned from the index. */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const { config, flowStats } = serverContext();
  try {
    const stats = await flowStats.read();
    if (!stats) {
      return errorResponse(
        404,
        `No flow statistics yet: the collector computes them every ${Math.round(config.flowStats.intervalMs / 1000)} s from the indexed chains.`,
      );
    }
    return Response.json(stats, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
