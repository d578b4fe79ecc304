import { z } from "zod";
import { evaluateTopic } from "./evaluate";
import { GroupState, PartitionLag, type LagSample } from "./sample";
import { compareStatus, LagStatus } from "./status";

/** What the lag API returns, shared by the route handlers and the screens that read them. */

/** `vanished`: no sample lately, the group is gone; `no-members`: it exists but nobody reads. */
export const Presence = z.enum(["active", "no-members", "vanished"]);
export type Presence = z.infer<typeof Presence>;

export const TrendPoint = z.object({
  t: z.iso.datetime(),
  lag: z.number(),
  lagSeconds: z.number().nullable(),
});

export const LagRow = z.object({
  group: z.string(),
  topic: z.string(),
  internal: z.boolean(),
  members: z.number(),
  state: GroupState,
  presence: Presence,
  sampledAt: z.iso.datetime(),
  totalLag: z.number(),
  maxLagSeconds: z.number().nullable(),
  status: LagStatus,
  explanation: z.string(),
  trend: z.array(TrendPoint),
});
export type LagRow = z.infer<typeof LagRow>;

export const LagOverview = z.object({
  generatedAt: z.iso.datetime(),
  windowMs: z.number(),
  sampleMs: z.number(),
  rows: z.array(LagRow),
});
export type LagOverview = z.infer<typeof LagOverview>;

export const PartitionState = PartitionLag.extend({
  status: LagStatus,
  explanation: z.string(),
});

export const HistoryPoint = z.object({
  t: z.iso.datetime(),
  partitions: z.array(PartitionLag),
});
export type HistoryPoint = z.infer<typeof HistoryPoint>;

export const WaitingChain = z.object({
  correlationId: z.string(),
  eventType: z.string().nullable(),
  topic: z.string(),
  partition: z.number(),
  offset: z.number(),
  timestamp: z.string(),
});
export type WaitingChain = z.infer<typeof WaitingChain>;

export const GroupTopicDetail = LagRow.extend({
  partitions: z.array(PartitionState),
  history: z.array(HistoryPoint),
});
export type GroupTopicDetail = z.infer<typeof GroupTopicDetail>;

export const GroupDetail = z.object({
  group: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  windowMs: z.number(),
  topics: z.array(GroupTopicDetail),
  waiting: z.array(WaitingChain),
});
export type GroupDetail = z.infer<typeof GroupDetail>;

export const LagAt = z.object({
  sampledAt: z.iso.datetime(),
  committed: z.number().nullable(),
  lag: z.number().nullable(),
  lagSeconds: z.number().nullable(),
});
export type LagAt = z.infer<typeof LagAt>;

export const ChainTopicLag = z.object({
  topic: z.string(),
  partition: z.number(),
  offset: z.number(),
  eventAt: z.string(),
  groups: z.array(
    z.object({
      group: z.string(),
      internal: z.boolean(),
      atEvent: LagAt.nullable(),
      now: LagAt.nullable(),
      /** The group's committed offset is past the event: it has read it. */
      consumed: z.boolean().nullable(),
    }),
  ),
});
export type ChainTopicLag = z.infer<typeof ChainTopicLag>;

export const ChainLag = z.object({ correlationId: z.string(), topics: z.array(ChainTopicLag) });
export type ChainLag = z.infer<typeof ChainLag>;

export type LagTiming = {
  windowMs: number;
  sampleMs: number;
  /** The newest sample of any series: what the last sampling round saw. */
  newestSampleAt: number;
  /** How far apart rounds actually are (slower than `sampleMs` on a busy broker). */
  roundMs: number;
};

/** Rounds a series may miss (a topic unreadable for a moment) before it counts as vanished. */
const MISSED_ROUNDS = 2.5;

/**
 * A series is vanished when the latest rounds no longer include it. Judged against the newest
 * sample rather than the clock, so a slow or stopped sampler does not make every group vanish.
 */
export function presenceOf(latest: LagSample, timing: LagTiming): Presence {
  const missedMs = timing.newestSampleAt - Date.parse(latest.sampledAt);
  if (missedMs > MISSED_ROUNDS * Math.max(timing.sampleMs, timing.roundMs)) return "vanished";
  return latest.members === 0 ? "no-members" : "active";
}

/** The median gap between consecutive samples of a series: the sampler's real pace. */
export function roundSpacing(samples: readonly { sampledAt: string }[]): number {
  const times = samples.map((s) => Date.parse(s.sampledAt)).sort((a, b) => a - b);
  const gaps = times
    .slice(1)
    .map((t, i) => t - (times[i] ?? t))
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

/** One overview row from a series' recent samples (any order). */
export function lagRow(samples: readonly LagSample[], timing: LagTiming): LagRow | null {
  const sorted = [...samples].sort((a, b) => Date.parse(a.sampledAt) - Date.parse(b.sampledAt));
  const latest = sorted.at(-1);
  if (!latest) return null;
  const verdict = evaluateTopic(sorted, timing.windowMs);
  return {
    group: latest.group,
    topic: latest.topic,
    internal: latest.internal,
    members: latest.members,
    state: latest.state,
    presence: presenceOf(latest, timing),
    sampledAt: latest.sampledAt,
    totalLag: latest.totalLag,
    maxLagSeconds: latest.maxLagSeconds,
    status: verdict.status,
    explanation: verdict.explanation,
    trend: sorted.map((s) => ({ t: s.sampledAt, lag: s.totalLag, lagSeconds: s.maxLagSeconds })),
  };
}

/** Worst status first; among equals, the longest wait, then the most messages. */
export function worstFirst(a: LagRow, b: LagRow): number {
  return (
    compareStatus(b.status, a.status) ||
    (b.maxLagSeconds ?? 0) - (a.maxLagSeconds ?? 0) ||
    b.totalLag - a.totalLag ||
    a.group.localeCompare(b.group) ||
    a.topic.localeCompare(b.topic)
  );
}

export function groupTopicDetail(
  recent: readonly LagSample[],
  history: HistoryPoint[],
  timing: LagTiming,
): GroupTopicDetail | null {
  const row = lagRow(recent, timing);
  const latest = [...recent].sort((a, b) => a.sampledAt.localeCompare(b.sampledAt)).at(-1);
  if (!row || !latest) return null;
  const verdicts = evaluateTopic(recent, timing.windowMs).partitions;
  return {
    ...row,
    partitions: latest.partitions.map((p) => {
      const verdict = verdicts.find((v) => v.partition === p.partition);
      return {
        ...p,
        status: verdict?.status ?? "OK",
        explanation: verdict?.explanation ?? "",
      };
    }),
    history,
  };
}
