import { z } from "zod";
import { eventsVisibleTo } from "@/lib/auth/masking";
import { findEventById } from "@/lib/elastic/event-by-id";
import { serverContext } from "@/lib/server/context";
import { requireRole } from "../../_http/auth";
import { errorResponse, storeFailure } from "../../_http/responses";

export const dynamic = "force-dynamic";

/** `topic:partition:offset`; a topic name never holds a colon, so the last two parts are numbers. */
const EventId = z
  .string()
  .max(512, "longer than 512 characters")
  .regex(/^[a-zA-Z0-9._-]+:\d+:\d+$/, "expected topic:partition:offset");

/**
 * `GET /api/events/{id}`: one indexed record whole, with headers, payload, raw value and DLQ stack
 * (the chain API lists events without them); masked for viewers like every event the API returns.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const parsed = EventId.safeParse((await params).id);
  if (!parsed.success) {
    return errorResponse(400, `Malformed event id: ${parsed.error.issues[0]?.message}.`);
  }
  const { config, es } = serverContext();
  try {
    const event = await findEventById(es, config.indexPrefix, parsed.data);
    if (!event) return errorResponse(404, `No record ${parsed.data} is indexed.`);
    const [visible] = eventsVisibleTo(principal.role, [event], config.auth.maskPaths);
    return Response.json(visible, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return storeFailure(error);
  }
}
