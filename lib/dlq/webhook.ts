import { z } from "zod";
import type { Event } from "../events/event";
import { deadLetterGroupKey, type DeadLetterGroupKey } from "./fingerprint";
import { effectiveRecordState, TriageState, type Triage } from "./triage";

/**
 * The DLQ webhook: what the collector sends when a failure group gets its first dead letter, and
 * again when a group someone closed (resolved, replayed, discarded) fails again.
 * Deciding which groups a batch opens and what to send is here, pure; claiming and sending is
 * the collector's.
 */
export const DlqGroupNotification = z.object({
  event: z.enum(["dlq.group.new", "dlq.group.regressed"]),
  fingerprint: z.string(),
  dlqTopic: z.string(),
  errorClass: z.string().nullable(),
  /** The group's normalised root-cause message, as the board titles it. */
  message: z.string(),
  /** `topic:partition:offset` of the first dead letter of the group the collector indexed. */
  firstRecordId: z.string(),
  correlationId: z.string().nullable(),
  originalTopic: z.string().nullable(),
  consumerGroup: z.string().nullable(),
  /** When the notification was made (ISO). */
  at: z.string(),
  /** For `dlq.group.regressed`: the state the group was in, and since when. */
  regressedAfter: z.object({ state: TriageState, since: z.string() }).nullable(),
  boardUrl: z.string(),
  chainUrl: z.string().nullable(),
});
export type DlqGroupNotification = z.infer<typeof DlqGroupNotification>;

/** A failure group seen in an acknowledged batch, with its first dead letter there. */
export type GroupCandidate = { group: DeadLetterGroupKey; first: Event };

/** One candidate per fingerprint among the batch's dead letters, in the batch's order. */
export function groupCandidates(events: readonly Event[]): GroupCandidate[] {
  const byFingerprint = new Map<string, GroupCandidate>();
  for (const event of events) {
    const group = deadLetterGroupKey(event);
    if (group && !byFingerprint.has(group.fingerprint)) {
      byFingerprint.set(group.fingerprint, { group, first: event });
    }
  }
  return [...byFingerprint.values()];
}

/**
 * The id of the document whose `create` decides which collector sends a group's webhook: one
 * for the group's first failure, one more each time it fails after being closed.
 */
export function notificationClaimId(fingerprint: string, regressedSince: string | null): string {
  return regressedSince === null
    ? `webhook:${fingerprint}`
    : `webhook:${fingerprint}@${regressedSince}`;
}

export type Regression = { state: TriageState; since: string };

/**
 * Whether a dead letter reopens its group: the group was closed and the record failed after
 * that, which the DLQ board shows as new again (effectiveRecordState).
 */
export function regressionOf(
  group: Pick<Triage, "state" | "stateSince"> | null,
  deadLetteredAt: string,
): Regression | null {
  if (group === null || group.state === "new" || group.state === "investigating") return null;
  return effectiveRecordState(null, group, deadLetteredAt) === "new"
    ? { state: group.state, since: group.stateSince }
    : null;
}

/** `publicUrl` has no trailing slash (the config strips it). */
export function groupNotification(
  { group, first }: GroupCandidate,
  publicUrl: string,
  at: Date,
  regressedAfter: Regression | null = null,
): DlqGroupNotification {
  // Concatenated rather than resolved, so an app served under a path keeps it.
  const boardUrl = `${publicUrl}/dlq?${new URLSearchParams({ topic: first.topic }).toString()}`;
  return {
    event: regressedAfter === null ? "dlq.group.new" : "dlq.group.regressed",
    fingerprint: group.fingerprint,
    dlqTopic: first.topic,
    errorClass: group.errorClass,
    message: group.message,
    firstRecordId: first.id,
    correlationId: first.correlationId,
    originalTopic: first.dlq?.originalTopic ?? null,
    consumerGroup: first.dlq?.consumerGroup ?? null,
    at: at.toISOString(),
    regressedAfter,
    boardUrl,
    chainUrl:
      first.correlationId === null
        ? null
        : `${publicUrl}/chains/${encodeURIComponent(first.correlationId)}`,
  };
}

/** What one POST came to: an HTTP status, or no answer at all (refused, reset, timed out). */
export type DeliveryAttempt = { status: number } | { error: string };

/** Network failures and server errors may pass; a 4xx says the request itself is wrong. */
export function worthRetrying(attempt: DeliveryAttempt): boolean {
  return "error" in attempt || attempt.status === 429 || attempt.status >= 500;
}

export function delivered(attempt: DeliveryAttempt): boolean {
  return "status" in attempt && attempt.status >= 200 && attempt.status < 300;
}
