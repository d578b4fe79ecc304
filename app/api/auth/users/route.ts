import { serverContext } from "@/lib/server/context";
import { requireRole } from "../../_http/auth";

export const dynamic = "force-dynamic";

/** Admins only: who can sign in and which API tokens exist, with their roles (no secrets). */
export async function GET(request: Request): Promise<Response> {
  const principal = await requireRole(request, "admin");
  if (principal instanceof Response) return principal;
  const { auth } = serverContext().config;
  return Response.json(
    {
      mode: auth.mode,
      users: auth.users.map(({ username, role }) => ({ username, role })),
      apiTokens: auth.apiTokens.map(({ name, role }) => ({ name, role })),
    },
    { headers: { "cache-control": "no-store" } },
  );
}
