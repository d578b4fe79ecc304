import type { z } from "zod";
import type { Principal, Role } from "@/lib/auth/roles";
import { Fingerprint } from "@/lib/dlq/api";
import { requireRole } from "./auth";
import { parseBody } from "./body";
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

/** An operator's POST to a group: the preamble above, then the JSON body `schema` validates. */
export async function readGroupPost<T>(
  request: Request,
  params: Promise<{ fingerprint: string }>,
  schema: z.ZodType<T>,
): Promise<(GroupRequest & { body: T }) | Response> {
  const group = await readGroupRequest(request, params, "operator");
  if (group instanceof Response) return group;
  const body = await parseBody(request, schema);
  return body.ok ? { ...group, body: body.value } : body.response;
}
