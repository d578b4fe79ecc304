import { z } from "zod";

/**
 * One lag sample: a consumer group's position on one topic at one moment, every partition in
 * one document. A document per group × topic (not per partition) keeps the index small: 200
 * groups × 50 partitions is 200 documents per sample instead of 10,000.
 */
export const PartitionLag = z.object({
  partition: z.number().int().min(0),
  /** The next offset the group will read, as committed; null when it never committed here. */
  committed: z.number().int().nullable(),
  /** The log end offset (high watermark) when sampled. */
  end: z.number().int(),
  /** Messages between committed and end; null without a commit. */
  lag: z.number().int().nullable(),
  /** How long ago the first unread record was produced, estimated; null when unknown. */
  lagSeconds: z.number().nullable(),
});
export type PartitionLag = z.infer<typeof PartitionLag>;

export const GroupState = z.enum([
  "Unknown",
  "PreparingRebalance",
  "CompletingRebalance",
  "Stable",
  "Dead",
  "Empty",
]);
export type GroupState = z.infer<typeof GroupState>;

export const LagSample = z.object({
  group: z.string(),
  topic: z.string(),
  sampledAt: z.iso.datetime(),
  members: z.number().int().min(0),
  state: GroupState,
  /** The collector's own group: shown, but labelled, since nobody else consumes through it. */
  internal: z.boolean(),
  totalLag: z.number().int(),
  maxLagSeconds: z.number().nullable(),
  partitions: z.array(PartitionLag),
});
export type LagSample = z.infer<typeof LagSample>;

/**
 * Two collectors sampling in the same interval write the same id, so the second write replaces
 * the first instead of doubling the series.
 */
export function lagSampleId(group: string, topic: string, sampledAtMs: number, sampleMs: number) {
  return `${group}\u0000${topic}\u0000${Math.floor(sampledAtMs / sampleMs)}`;
}

/** Sums over partitions, ignoring the ones the group has never committed. */
export function summarize(partitions: readonly PartitionLag[]): {
  totalLag: number;
  maxLagSeconds: number | null;
} {
  let totalLag = 0;
  let maxLagSeconds: number | null = null;
  for (const p of partitions) {
    totalLag += p.lag ?? 0;
    if (p.lagSeconds !== null) maxLagSeconds = Math.max(maxLagSeconds ?? 0, p.lagSeconds);
  }
  return { totalLag, maxLagSeconds };
}

/** Messages not yet read: zero when a commit is ahead of the end (a truncated or new log). */
export function messageLag(committed: number | null, end: number): number | null {
  if (committed === null) return null;
  return Math.max(0, end - committed);
}
