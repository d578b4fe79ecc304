import { TriageRejected } from "@/lib/dlq/triage";
import { ReplayRefused } from "@/lib/replay/plan";
import { TriageItemNotFound } from "@/lib/server/dlq-board";
import { ReplayConflict, ReplayNotFound, ReplayProduceFailed } from "@/lib/server/replay";
import { errorResponse, storeFailure } from "./responses";

/** Maps the DLQ verbs' typed failures to statuses; anything else is a store failure. */
export function dlqFailure(error: unknown): Response {
  if (error instanceof ReplayNotFound || error instanceof TriageItemNotFound) {
    return errorResponse(404, error.message);
  }
  if (error instanceof ReplayRefused || error instanceof TriageRejected) {
    return errorResponse(422, error.message);
  }
  if (error instanceof ReplayConflict) {
    return Response.json({ error: error.message, existing: error.existing }, { status: 409 });
  }
  if (error instanceof ReplayProduceFailed) {
    return Response.json({ error: error.message, entry: error.entry }, { status: 502 });
  }
  return storeFailure(error);
}
