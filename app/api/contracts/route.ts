import { serverContext } from "@/lib/server/context";
import { listContracts } from "@/lib/server/get-contracts";
import { requireRole } from "../_http/auth";
import { storeFailure } from "../_http/responses";

export const dynamic = "force-dynamic";

/** `GET /api/contracts`: every event type seen in traffic, with its shapes and drift. */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  try {
    const contracts = await listContracts(serverContext());
    return Response.json({ contracts }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
