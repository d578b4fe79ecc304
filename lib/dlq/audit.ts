import { z } from "zod";
import { TriageChange, TriageTarget } from "./triage";

/** The audit trail: every replay and every triage change, as stored and as the API returns it. */

export const ReplayStatus = z.enum(["pending", "produced", "failed"]);
export type ReplayStatus = z.infer<typeof ReplayStatus>;

export const ReplayAudit = z.object({
  kind: z.literal("replay"),
  /** Also the document id: the same key can only ever be written once. */
  idempotencyKey: z.string(),
  recordId: z.string(),
  correlationId: z.string().nullable(),
  fingerprint: z.string().nullable(),
  at: z.string(),
  by: z.string(),
  reason: z.string(),
  topic: z.string(),
  edited: z.boolean(),
  /** Hash of what is produced (topic, key, value), to tell a retried request from a different one. */
  requestHash: z.string(),
  status: ReplayStatus,
  error: z.string().nullable(),
  produced: z.object({ partition: z.number().int(), offset: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type ReplayAudit = z.infer<typeof ReplayAudit>;

export const TriageAudit = z.object({
  kind: z.literal("triage"),
  target: TriageTarget,
  at: z.string(),
  by: z.string(),
  change: TriageChange,
});
export type TriageAudit = z.infer<typeof TriageAudit>;

export const AuditEntry = z.discriminatedUnion("kind", [ReplayAudit, TriageAudit]);
export type AuditEntry = z.infer<typeof AuditEntry>;

/** One replay per record and generation: a double click or a retry reuses the same key. */
export function replayIdempotencyKey(recordId: string, generation: number): string {
  return `replay:${recordId}#${generation}`;
}
