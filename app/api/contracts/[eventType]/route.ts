import { z } from "zod";
import { serverContext } from "@/lib/server/context";
import { getContract } from "@/lib/server/get-contracts";
import { requireRole } from "../../_http/auth";
import { errorResponse, storeFailure } from "../../_http/responses";

export const dynamic = "force-dynamic";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An event type as envelopes and topics name it: a term, never query syntax. */
const EventType = z
  .string()
  .min(1, "empty")
  .max(1024, "longer than 1024 characters")
  .refine((value) => !CONTROL.test(value), "contains control characters");

/** `GET /api/contracts/{eventType}`: its versions, drift, producers and consumers. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ eventType: string }> },
): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const parsed = EventType.safeParse((await params).eventType);
  if (!parsed.success) {
    return errorResponse(400, `Malformed event type: ${parsed.error.issues[0]?.message}.`);
  }
  try {
    const contract = await getContract(serverContext(), parsed.data);
    if (!contract)
      return errorResponse(404, `No records of event type "${parsed.data}" are indexed.`);
    return Response.json(contract, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
