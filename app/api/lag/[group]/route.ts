import { decodeParam, GroupId, parseTimeRange } from "@/lib/lag/params";
import { serverContext } from "@/lib/server/context";
import { getLagGroup } from "@/lib/server/get-lag-group";
import { errorResponse, storeFailure } from "../../_http/responses";
import { requireRole } from "../../_http/auth";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ group: string }> },
): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const group = GroupId.safeParse(decodeParam((await params).group));
  if (!group.success) {
    return errorResponse(400, `Malformed group id: ${group.error.issues[0]?.message}.`);
  }
  const range = parseTimeRange(new URL(request.url).searchParams);
  if (!range.ok) return errorResponse(400, `Bad time range: ${range.error}.`);
  const { config, es } = serverContext();
  try {
    const detail = await getLagGroup(es, config, group.data, range.range);
    if (!detail) {
      return errorResponse(404, `No lag has been sampled for consumer group "${group.data}".`);
    }
    return Response.json(detail, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
