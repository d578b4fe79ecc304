import { TriageRejected } from "@/lib/dlq/triage";
import { ReplayRefused } from "@/lib/replay/plan";
import { TriageItemNotFound } from "@/lib/server/dlq-board";
import { ReplayConflict, ReplayNotFound, ReplayProduceFailed } from "@/lib/server/replay";
import { createLogger } from "@/lib/log";
import { errorResponse, storeFailure } from "./responses";

// A replay that conflicts or fails to produce leaves the operator unsure what reached the topic,
// so the server says so in its log as well as in the answer.
const log = createLogger("replay");

/** Maps the DLQ verbs' typed failures to statuses; anything else is a store failure. */
export function dlqFailure(error: unknown): Response {
  if (error instanceof ReplayNotFound || error instanceof TriageItemNotFound) {
    return errorResponse(404, error.message);
  }
  if (error instanceof ReplayRefused || error instanceof TriageRejected) {
    return errorResponse(422, error.message);
  }
  if (error instanceof ReplayConflict) {
    log.warn(error.message, { idempotencyKey: error.existing.idempotencyKey });
    return Response.json({ error: error.message, existing: error.existing }, { status: 409 });
  }
  if (error instanceof ReplayProduceFailed) {
    log.error(error.message, { idempotencyKey: error.entry.idempotencyKey });
    return Response.json({ error: error.message, entry: error.entry }, { status: 502 });
  }
  return storeFailure(error);
}
