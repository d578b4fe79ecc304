import { errors, type Client, type estypes } from "@elastic/elasticsearch";
import { z } from "zod";
import { notificationClaimId } from "../dlq/webhook";
import { createIndexWhenMissing } from "./create-index";

/**
 * Claims of DLQ webhook notifications, one document per failure group (`webhook:<fingerprint>`).
 * Its own index because the triage and audit readers parse every document they find there.
 */
export function notificationsIndex(prefix: string): string {
  return `${prefix}-notifications`;
}

export const NotificationStatus = z.enum(["pending", "delivered", "failed"]);
export type NotificationStatus = z.infer<typeof NotificationStatus>;

export const NotificationClaim = z.object({
  fingerprint: z.string(),
  /** For a group that failed again after being closed: when it was closed; else null. */
  regressedSince: z.string().nullable().default(null),
  dlqTopic: z.string(),
  firstRecordId: z.string(),
  correlationId: z.string().nullable(),
  claimedAt: z.string(),
  status: NotificationStatus,
  /** The last HTTP status the webhook answered, if it answered at all. */
  httpStatus: z.number().int().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  updatedAt: z.string(),
});
export type NotificationClaim = z.infer<typeof NotificationClaim>;

const keyword: estypes.MappingProperty = { type: "keyword", ignore_above: 1024 };

export async function ensureNotificationsIndex(es: Client, prefix: string): Promise<void> {
  await createIndexWhenMissing(es, {
    index: notificationsIndex(prefix),
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      dynamic: "false",
      properties: {
        fingerprint: keyword,
        regressedSince: { type: "date" },
        dlqTopic: keyword,
        firstRecordId: keyword,
        correlationId: keyword,
        claimedAt: { type: "date" },
        status: keyword,
        httpStatus: { type: "integer" },
        attempts: { type: "integer" },
        updatedAt: { type: "date" },
      },
    },
  });
}

/**
 * Writes the claim with `create`: true for the one writer that made it, false when the group's
 * notification was claimed before (by this collector earlier, or by another instance).
 */
export async function claimNotification(
  es: Client,
  prefix: string,
  claim: NotificationClaim,
): Promise<boolean> {
  try {
    await es.create({
      index: notificationsIndex(prefix),
      id: notificationClaimId(claim.fingerprint, claim.regressedSince),
      document: claim,
    });
    return true;
  } catch (error) {
    if (error instanceof errors.ResponseError && error.statusCode === 409) return false;
    throw error;
  }
}

/** Records how the claimed notification ended; the claim is ours, so no concurrency check. */
export async function finishNotification(
  es: Client,
  prefix: string,
  claim: NotificationClaim,
): Promise<void> {
  await es.index({
    index: notificationsIndex(prefix),
    id: notificationClaimId(claim.fingerprint, claim.regressedSince),
    document: claim,
  });
}

export async function getNotification(
  es: Client,
  prefix: string,
  fingerprint: string,
  regressedSince: string | null = null,
): Promise<NotificationClaim | null> {
  const doc = await es.get(
    { index: notificationsIndex(prefix), id: notificationClaimId(fingerprint, regressedSince) },
    { ignore: [404] },
  );
  return doc.found ? NotificationClaim.parse(doc._source) : null;
}
