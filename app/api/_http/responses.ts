import { errors } from "@elastic/elasticsearch";

/** Every API error is JSON `{error}` with a sentence saying what was wrong. */
export function errorResponse(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

/** Maps failures of the stores behind the API to a status a client can act on. */
export function storeFailure(error: unknown): Response {
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError) {
    return errorResponse(503, "Elasticsearch is not reachable; try again shortly.");
  }
  console.error(error);
  return errorResponse(500, "Internal error while reading the index.");
}
