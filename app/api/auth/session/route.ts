import { requireRole } from "../../_http/auth";

export const dynamic = "force-dynamic";

/** Who the caller is signed in as: `{username, role, via}`. */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  return Response.json(principal, { headers: { "cache-control": "no-store" } });
}
