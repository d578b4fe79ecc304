import { z } from "zod";
import { TriageUpdate } from "./triage";
import { ReplayOptions, TopicName } from "../replay/plan";

/** Request bodies of the DLQ API, shared by the route handlers and the UI that sends them. */

export const Fingerprint = z.string().regex(/^[0-9a-f]{24}$/, "not a group fingerprint");

export const TriageRequest = z
  .object({
    items: z
      .array(
        z.discriminatedUnion("kind", [
          z.object({ kind: z.literal("group"), fingerprint: Fingerprint }).strict(),
          z.object({ kind: z.literal("record"), recordId: z.string().min(1).max(1024) }).strict(),
        ]),
      )
      .min(1)
      .max(500),
    update: TriageUpdate,
  })
  .strict();
export type TriageRequest = z.infer<typeof TriageRequest>;

export const ReplayRequest = ReplayOptions.extend({
  generation: z.number().int().min(0),
}).strict();
export type ReplayRequest = z.infer<typeof ReplayRequest>;

export const GroupReplayDryRunRequest = z
  .object({
    targetTopic: TopicName.optional(),
    reason: z.string().trim().min(1, "say why this group is replayed").max(500),
  })
  .strict();

export const GroupReplayRequest = GroupReplayDryRunRequest.extend({
  records: z
    .array(
      z
        .object({ recordId: z.string().min(1).max(1024), generation: z.number().int().min(0) })
        .strict(),
    )
    .min(1)
    .max(500),
}).strict();
export type GroupReplayRequest = z.infer<typeof GroupReplayRequest>;

export const AuditQuery = z.object({
  kind: z.enum(["replay", "triage"]).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  size: z.coerce.number().int().min(1).max(1000).default(200),
});
