import { getLagOverview } from "@/lib/server/get-lag-overview";
import { serverContext } from "@/lib/server/context";
import { storeFailure } from "../_http/responses";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const { config, es } = serverContext();
  try {
    const overview = await getLagOverview(es, config);
    return Response.json(overview, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
