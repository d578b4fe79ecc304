import { SearchParams } from "@/lib/chain/search";
import { indexFreshness, searchChains } from "@/lib/elastic/search-chains";
import { serverContext } from "@/lib/server/context";
import { requireRole } from "../_http/auth";
import { errorResponse, storeFailure } from "../_http/responses";

export const dynamic = "force-dynamic";

/** `GET /api/search?q=&from=&to=&limit=`: chains matching q, and how far the index is behind. */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const url = new URL(request.url);
  const parsed = SearchParams.safeParse({
    q: url.searchParams.get("q") ?? "",
    from: url.searchParams.get("from"),
    to: url.searchParams.get("to"),
    limit: url.searchParams.get("limit") ?? undefined,
  });
  if (!parsed.success) {
    return errorResponse(400, `Bad search: ${parsed.error.issues[0]?.message}.`);
  }
  const { config, es } = serverContext();
  try {
    const [found, freshness] = await Promise.all([
      searchChains(es, config.indexPrefix, parsed.data),
      indexFreshness(es, config.indexPrefix, Date.now()),
    ]);
    const { q: query, from, to } = parsed.data;
    return Response.json(
      { query, from, to, ...found, freshness },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return storeFailure(error);
  }
}
