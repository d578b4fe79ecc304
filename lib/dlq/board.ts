import { z } from "zod";
import { ReplayAudit } from "./audit";
import { Triage, TriageState } from "./triage";

/** What the DLQ board shows, as the API returns it and the UI validates it. */

export const DeadLetterGroup = z.object({
  fingerprint: z.string(),
  dlqTopic: z.string(),
  /** The root cause's class, as on the chain. */
  errorClass: z.string().nullable(),
  /** The class wrapping the root cause, as on the chain; from the group's latest record. */
  wrapperClass: z.string().nullable(),
  /** Kafka Connect's stage, its class, the connector and task, from the group's latest record. */
  stage: z.string().nullable(),
  stageClass: z.string().nullable(),
  connectorName: z.string().nullable(),
  taskId: z.number().int().nullable(),
  message: z.string(),
  /** One record's actual message, so the normalised one can be read against a real example. */
  sampleMessage: z.string().nullable(),
  count: z.number().int(),
  newCount: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Records per time bucket over the board's window, oldest first. */
  trend: z.array(z.number().int()),
  originalTopics: z.array(z.string()),
  consumerGroups: z.array(z.string()),
  state: TriageState,
  triage: Triage.nullable(),
});
export type DeadLetterGroup = z.infer<typeof DeadLetterGroup>;

export const DeadLetterBoard = z.object({
  groups: z.array(DeadLetterGroup),
  topics: z.array(z.object({ topic: z.string(), depth: z.number().int() })),
  window: z.object({ from: z.string(), to: z.string() }),
});
export type DeadLetterBoard = z.infer<typeof DeadLetterBoard>;

export const DeadLetterRecord = z.object({
  id: z.string(),
  fingerprint: z.string(),
  topic: z.string(),
  correlationId: z.string().nullable(),
  eventType: z.string().nullable(),
  key: z.string().nullable(),
  timestamp: z.string(),
  errorMessage: z.string().nullable(),
  originalTopic: z.string().nullable(),
  originalPartition: z.number().int().nullable(),
  originalOffset: z.string().nullable(),
  consumerGroup: z.string().nullable(),
  state: TriageState,
  triage: Triage.nullable(),
  replays: z.array(ReplayAudit),
});
export type DeadLetterRecord = z.infer<typeof DeadLetterRecord>;

export const DlqSummary = z.object({
  newCount: z.number().int(),
  topics: z.array(z.object({ topic: z.string(), depth: z.number().int() })),
});
export type DlqSummary = z.infer<typeof DlqSummary>;

/** Board filters, parsed from the URL by both the page and the API. */
export const BoardFilter = z.object({
  topic: z.string().min(1).max(249).optional(),
  state: TriageState.optional(),
  error: z.string().trim().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type BoardFilter = z.infer<typeof BoardFilter>;

/** Whether a group passes the state and error filters (topic and time are applied in the query). */
export function groupMatches(group: DeadLetterGroup, filter: BoardFilter): boolean {
  if (filter.state && group.state !== filter.state) {
    const hasNew = filter.state === "new" && group.newCount > 0;
    if (!hasNew) return false;
  }
  if (filter.error) {
    const needle = filter.error.toLowerCase();
    const haystack = [group.errorClass, group.wrapperClass, group.message, group.sampleMessage]
      .filter((text) => text !== null)
      .join("\n")
      .toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

export const TREND_BUCKETS = 24;
const DEFAULT_WINDOW_MS = 24 * 3_600_000;

/** The time window of the trend: the filter's, else the last day. */
export function boardWindow(filter: BoardFilter, now: Date): { from: Date; to: Date } {
  const to = filter.to ? new Date(filter.to) : now;
  const from = filter.from ? new Date(filter.from) : new Date(to.getTime() - DEFAULT_WINDOW_MS);
  return { from, to };
}

/** TREND_BUCKETS equal time ranges covering the window, oldest first, as epoch milliseconds. */
export function trendRanges(window: { from: Date; to: Date }): { from: number; to: number }[] {
  const start = window.from.getTime();
  const width = Math.max(1, Math.ceil((window.to.getTime() - start) / TREND_BUCKETS));
  return Array.from({ length: TREND_BUCKETS }, (_, i) => ({
    from: start + i * width,
    to: start + (i + 1) * width,
  }));
}
