import { z } from "zod";
import type { Event } from "../events/event";
import { deadLetterGroupKey, type DeadLetterGroupKey } from "./fingerprint";

/**
 * The DLQ webhook: what the collector sends when a failure group gets its first dead letter.
 * Deciding which groups a batch opens and what to send is here, pure; claiming and sending is
 * the collector's.
 */
export const DlqGroupNotification = z.object({
  event: z.literal("dlq.group.new"),
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

/** The id of the document whose `create` decides which collector sends a group's webhook. */
export function notificationClaimId(fingerprint: string): string {
  return `webhook:${fingerprint}`;
}

/** `publicUrl` has no trailing slash (the config strips it). */
export function groupNotification(
  { group, first }: GroupCandidate,
  publicUrl: string,
  at: Date,
): DlqGroupNotification {
  // Concatenated rather than resolved, so an app served under a path keeps it.
  const boardUrl = `${publicUrl}/dlq?${new URLSearchParams({ topic: first.topic }).toString()}`;
  return {
    event: "dlq.group.new",
    fingerprint: group.fingerprint,
    dlqTopic: first.topic,
    errorClass: group.errorClass,
    message: group.message,
    firstRecordId: first.id,
    correlationId: first.correlationId,
    originalTopic: first.dlq?.originalTopic ?? null,
    consumerGroup: first.dlq?.consumerGroup ?? null,
    at: at.toISOString(),
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
