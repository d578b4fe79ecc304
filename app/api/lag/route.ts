import { getLagOverview } from "@/lib/server/get-lag-overview";
import { serverContext } from "@/lib/server/context";
import { storeFailure } from "../_http/responses";
import { requireRole } from "../_http/auth";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const { config, es } = serverContext();
  try {
    const overview = await getLagOverview(es, config);
    return Response.json(overview, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
