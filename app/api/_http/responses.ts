import { unavailability } from "@/lib/elastic/unavailable";

/** Every API error is JSON `{error}` with a sentence saying what was wrong. */
export function errorResponse(
  status: number,
  error: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** The 404 of a chain read whose correlation id has no indexed event. */
export function noChainEvents(correlationId: string): Response {
  return errorResponse(404, `No events are indexed for correlation id "${correlationId}".`);
}

/**
 * Maps failures of the stores behind the API to a status a client can act on: 503 with
 * Retry-After while Elasticsearch is unreachable, starting or has a shard not allocated yet.
 */
export function storeFailure(error: unknown): Response {
  const unavailable = unavailability(error);
  if (unavailable) {
    return errorResponse(503, unavailable.error, {
      "retry-after": String(unavailable.retryAfterSeconds),
    });
  }
  console.error(error);
  return errorResponse(500, "Internal error while reading the index.");
}
