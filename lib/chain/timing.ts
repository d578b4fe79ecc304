/**
 * Where the time went (DESIGN.md): each hop's time split into retry/DLQ time, queue wait and
 * processing, and the chain's critical path: the chain of blocking hops that ends at its last
 * event. A producer → consumer hop is a blocking link, so it is never pruned from the path.
 *
 * Kafka records say when an event was produced, not when its consumer picked up the parent, so
 * the split between queue wait and processing is an estimate: processing is the hop's usual
 * p50 learned from the index (what the consumer takes when nothing is queued), the rest of the
 * hop is queue wait. Without learned statistics the hop is left unsplit, all of it processing.
 * Where an OpenTelemetry process span shows when the consumer picked the parent up, the split
 * is measured: queue wait until then, processing after.
 */
import { z } from "zod";
import type { EventSummary } from "../events/event";
import { edgesByFrom, type FlowStats } from "./flows";
import { groupBy, type Links } from "./links";
import { happenedAt, sortableTime } from "./order";
import { isAttempt } from "./topics";

/**
 * One event's share of the time. The chain lists one per event in the order of `Chain.events`;
 * the parent is the event's edge in `Chain.edges` and `criticalPath` says which are critical,
 * so neither is repeated here (2,000 events carried 350 KB of timing with them).
 */
export const EventTiming = z.object({
  /** Milliseconds from the chain's first event to this one; null when its time is unreadable. */
  startMs: z.number().nullable(),
  /** Milliseconds from the parent to this event; null for roots. */
  hopMs: z.number().nullable(),
  processingMs: z.number(),
  queueWaitMs: z.number(),
  retryMs: z.number(),
  /**
   * `measured`: split where the consumer's span started; `learned`: split by the hop's usual
   * p50; `unsplit`: neither is known.
   */
  split: z.enum(["measured", "learned", "unsplit", "none"]),
});
export type EventTiming = z.infer<typeof EventTiming>;

export const ChainTiming = z.object({
  startAt: z.string().nullable(),
  totalMs: z.number(),
  /** `Event.id`s from a root down to the chain's last event. */
  criticalPath: z.array(z.string()),
  /** The critical path's time by kind; they add up to its length. */
  critical: z.object({ processingMs: z.number(), queueWaitMs: z.number(), retryMs: z.number() }),
  /** One per event, in the order of the chain's events. */
  events: z.array(EventTiming),
});
export type ChainTiming = z.infer<typeof ChainTiming>;

/** Learned hops need at least this many samples before their p50 is trusted. */
const MIN_SAMPLES = 5;

export function chainTiming(
  ordered: readonly EventSummary[],
  links: Links,
  stats?: FlowStats,
  /** Child `Event.id` → when the consumer that sent it picked its parent up (epoch ms). */
  pickupAt: ReadonlyMap<string, number> = new Map(),
): ChainTiming {
  const time = new Map(ordered.map((event) => [event.id, sortableTime(happenedAt(event))]));
  const finite = [...time.values()].filter(Number.isFinite);
  const start = finite.length === 0 ? null : Math.min(...finite);
  const byId = new Map(ordered.map((event) => [event.id, event]));
  const attemptsByEventId = groupBy(ordered.filter(isAttempt), ({ eventId }) => eventId);
  const learnedEdges = stats ? edgesByFrom(stats) : new Map();

  const timings = ordered.map((event): EventTiming => {
    const at = time.get(event.id) ?? Number.NaN;
    const parentId = links.parentOf.get(event.id) ?? null;
    const parent = parentId === null ? undefined : byId.get(parentId);
    const base = { startMs: start === null || !Number.isFinite(at) ? null : at - start };
    const parentAt = parent ? (time.get(parent.id) ?? Number.NaN) : Number.NaN;
    if (!parent || !Number.isFinite(at) || !Number.isFinite(parentAt)) {
      return { ...base, hopMs: null, processingMs: 0, queueWaitMs: 0, retryMs: 0, split: "none" };
    }
    const hop = Math.max(0, at - parentAt);
    if (isAttempt(event)) {
      return { ...base, hopMs: hop, processingMs: 0, queueWaitMs: 0, retryMs: hop, split: "none" };
    }
    const lastAttempt = (parent.eventId ? (attemptsByEventId.get(parent.eventId) ?? []) : [])
      .map(({ id }) => time.get(id) ?? Number.NaN)
      .filter((t) => Number.isFinite(t) && t <= at)
      .reduce((latest, t) => Math.max(latest, t), parentAt);
    const retry = Math.min(hop, Math.max(0, lastAttempt - parentAt));
    const rest = hop - retry;
    const pickup = pickupAt.get(event.id);
    if (pickup !== undefined) {
      const queueWait = Math.min(rest, Math.max(0, pickup - Math.max(parentAt, lastAttempt)));
      return {
        ...base,
        hopMs: hop,
        processingMs: rest - queueWait,
        queueWaitMs: queueWait,
        retryMs: retry,
        split: "measured",
      };
    }
    const edge = (learnedEdges.get(parent.eventType ?? "") ?? []).find(
      ({ to }: { to: string }) => to === event.eventType,
    );
    if (!edge || edge.hops < MIN_SAMPLES) {
      return {
        ...base,
        hopMs: hop,
        processingMs: rest,
        queueWaitMs: 0,
        retryMs: retry,
        split: "unsplit",
      };
    }
    const processing = Math.min(rest, edge.p50Ms);
    return {
      ...base,
      hopMs: hop,
      processingMs: processing,
      queueWaitMs: rest - processing,
      retryMs: retry,
      split: "learned",
    };
  });

  const criticalPath = pathToLast(ordered, links, time);
  const onPath = new Set(criticalPath);
  const critical = { processingMs: 0, queueWaitMs: 0, retryMs: 0 };
  timings.forEach((timing, index) => {
    if (!onPath.has(ordered[index]?.id ?? "")) return;
    critical.processingMs += timing.processingMs;
    critical.queueWaitMs += timing.queueWaitMs;
    critical.retryMs += timing.retryMs;
  });
  const end = finite.length === 0 ? null : Math.max(...finite);
  return {
    startAt: start === null ? null : new Date(start).toISOString(),
    totalMs: start === null || end === null ? 0 : end - start,
    criticalPath,
    critical,
    events: timings,
  };
}

/** From the latest event up its parents; cycles are already cut, the guard is for safety. */
function pathToLast(
  ordered: readonly EventSummary[],
  links: Links,
  time: ReadonlyMap<string, number>,
): string[] {
  let last: string | undefined;
  for (const event of ordered) {
    const t = time.get(event.id) ?? Number.NaN;
    if (Number.isFinite(t) && (last === undefined || t >= (time.get(last) ?? 0))) last = event.id;
  }
  const path: string[] = [];
  const seen = new Set<string>();
  for (let id = last; id !== undefined && !seen.has(id); id = links.parentOf.get(id)) {
    seen.add(id);
    path.push(id);
  }
  return path.reverse();
}
