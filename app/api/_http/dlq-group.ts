import type { Principal, Role } from "@/lib/auth/roles";
import { Fingerprint } from "@/lib/dlq/api";
import { requireRole } from "./auth";
import { errorResponse } from "./responses";

export type GroupRequest = { principal: Principal; fingerprint: string };

/** The preamble of every `/api/dlq/groups/{fingerprint}/...` route: the role, then the id. */
export async function readGroupRequest(
  request: Request,
  params: Promise<{ fingerprint: string }>,
  role: Role,
): Promise<GroupRequest | Response> {
  const principal = await requireRole(request, role);
  if (principal instanceof Response) return principal;
  const fingerprint = Fingerprint.safeParse((await params).fingerprint);
  if (!fingerprint.success) return errorResponse(400, "Malformed group fingerprint.");
  return { principal, fingerprint: fingerprint.data };
}
