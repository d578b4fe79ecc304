import { errors } from "@elastic/elasticsearch";
import { z } from "zod";
import { IndexNotReady } from "./create-index";

/**
 * Elasticsearch failures that asking again shortly fixes: the node is unreachable, starting or
 * overloaded, or an index's shard is not allocated yet (right after creation or a restart). The
 * API answers these 503 with Retry-After, never 500.
 */
export type Unavailable = { error: string; retryAfterSeconds: number };

export const RETRY_AFTER_SECONDS = 5;

/** Error types Elasticsearch gives when a shard cannot serve the request yet. */
const SHARD_NOT_READY = new Set([
  "no_shard_available_action_exception",
  "unavailable_shards_exception",
  "primary_missing_action_exception",
]);

const UNAVAILABLE_STATUS = new Set([502, 503, 504]);

export function unavailability(error: unknown): Unavailable | null {
  const unavailable = (sentence: string) => ({
    error: sentence,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
  if (error instanceof IndexNotReady) {
    return unavailable(`${error.message} Elasticsearch may still be starting; try again shortly.`);
  }
  if (error instanceof errors.ConnectionError || error instanceof errors.NoLivingConnectionsError) {
    return unavailable("Elasticsearch is not reachable; try again shortly.");
  }
  if (error instanceof errors.TimeoutError) {
    return unavailable("Elasticsearch did not answer in time; try again shortly.");
  }
  if (!(error instanceof errors.ResponseError)) return null;
  if (errorTypes(error.body).some((type) => SHARD_NOT_READY.has(type))) {
    return unavailable(
      "An index's shard is not allocated yet (Elasticsearch may still be starting); try again shortly.",
    );
  }
  if (error.statusCode === 429) {
    return unavailable("Elasticsearch is overloaded; try again shortly.");
  }
  if (error.statusCode !== undefined && UNAVAILABLE_STATUS.has(error.statusCode)) {
    return unavailable("Elasticsearch is unavailable; try again shortly.");
  }
  return null;
}

const Cause = z.object({ type: z.string() });

/** The parts of an Elasticsearch error body that name what failed, as far as they are there. */
const ErrorBody = z.object({
  error: z.object({
    type: z.string().optional(),
    root_cause: z.array(Cause).optional(),
    failed_shards: z.array(z.object({ reason: Cause.optional() })).optional(),
  }),
});

/** The error's type, its root causes' and its failed shards' reasons. */
function errorTypes(body: unknown): string[] {
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success) return [];
  const { type, root_cause = [], failed_shards = [] } = parsed.data.error;
  return [
    ...(type === undefined ? [] : [type]),
    ...root_cause.map((cause) => cause.type),
    ...failed_shards.flatMap((shard) => (shard.reason ? [shard.reason.type] : [])),
  ];
}
