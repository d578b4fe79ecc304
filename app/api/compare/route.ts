import { compareChains } from "@/lib/chain/compare";
import { CorrelationId } from "@/lib/chain/correlation-id";
import { serverContext } from "@/lib/server/context";
import { getChain } from "@/lib/server/get-chain";
import { requireRole } from "../_http/auth";
import { errorResponse, storeFailure } from "../_http/responses";

export const dynamic = "force-dynamic";

/** `GET /api/compare?a=&b=`: which steps, services and hop times differ between two chains. */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const url = new URL(request.url);
  const ids: string[] = [];
  for (const name of ["a", "b"]) {
    const parsed = CorrelationId.safeParse(url.searchParams.get(name) ?? "");
    if (!parsed.success) {
      return errorResponse(
        400,
        `Malformed correlation id in ${name}: ${parsed.error.issues[0]?.message}.`,
      );
    }
    ids.push(parsed.data);
  }
  const [a = "", b = ""] = ids;
  const { config, es, flowStats } = serverContext();
  try {
    const learning = { stats: await flowStats.read(), learn: config.learn, now: Date.now() };
    const [chainA, chainB] = await Promise.all([
      getChain(es, config.indexPrefix, a, learning),
      getChain(es, config.indexPrefix, b, learning),
    ]);
    const missing = [chainA ? null : a, chainB ? null : b].filter((id) => id !== null);
    if (!chainA || !chainB) {
      return errorResponse(
        404,
        `No events are indexed for correlation id ${missing.map((id) => `"${id}"`).join(" or ")}.`,
      );
    }
    return Response.json(compareChains(chainA, chainB), {
      headers: { "cache-control": "no-store" },
    });
  } catch (error) {
    return storeFailure(error);
  }
}
