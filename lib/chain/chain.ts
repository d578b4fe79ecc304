import { z } from "zod";
import { EventSummary } from "../events/event";
import { ChainTiming, type EventTiming } from "./timing";

export const AnomalyKind = z.enum([
  "orphan",
  "dlq",
  "duplicate",
  "out-of-order",
  "retry",
  "slow-hop",
  "missing-step",
]);
export type AnomalyKind = z.infer<typeof AnomalyKind>;

export const Anomaly = z.object({
  kind: AnomalyKind,
  /** `Event.id`s (topic:partition:offset) the anomaly concerns. */
  eventIds: z.array(z.string()),
  /** One sentence a person on call can act on. */
  message: z.string(),
});
export type Anomaly = z.infer<typeof Anomaly>;

/** A parent → child causation link between two `Event.id`s. */
export const Edge = z.object({
  from: z.string(),
  to: z.string(),
  /** `spans` when only OpenTelemetry spans gave the link (no causation id did). */
  via: z.enum(["spans"]).optional(),
  /** The consumer group that handled `from` and sent `to`, where its span says so. */
  consumerGroup: z.string().optional(),
});
export type Edge = z.infer<typeof Edge>;

export const ChainStats = z.object({
  eventCount: z.number().int(),
  services: z.array(z.string()),
  topics: z.array(z.string()),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  durationMs: z.number(),
  deadLettered: z.number().int(),
});
export type ChainStats = z.infer<typeof ChainStats>;

/** What the chain's causation rests on. */
export const Causation = z.object({
  /** Spans found for the chain's trace ids. */
  spans: z.number().int(),
  /** Edges that only the spans gave. */
  spanEdges: z.number().int(),
  /** Why the chain cannot say what caused what, when it cannot; null otherwise. */
  unknown: z.string().nullable(),
});
export type Causation = z.infer<typeof Causation>;

export const CAUSATION_UNKNOWN = "causation unknown: no causation ids and no spans for this trace";

/** The body of `GET /api/chains/{correlationId}`. */
export const Chain = z.object({
  correlationId: z.string(),
  events: z.array(EventSummary),
  edges: z.array(Edge),
  roots: z.array(z.string()),
  anomalies: z.array(Anomaly),
  stats: ChainStats,
  /** Where the time went: per-event hop split and the critical path. */
  timing: ChainTiming,
  /** More records carry this id than one chain query returns; the chain shown is cut. */
  truncated: z.boolean(),
  /** Whether `slow-hop` and `missing-step` were judged (they need learned flow statistics). */
  learnedFrom: z.string().nullable(),
  causation: Causation,
});
export type Chain = z.infer<typeof Chain>;

const item = <T>() => z.custom<T>((value) => typeof value === "object" && value !== null);

/**
 * What the page checks of a chain answer before drawing it: every field down to its arrays, but
 * not each of the thousands of events, edges and timings in them, which cost the page about
 * 100 ms at 2,000 events. The server builds those items from these same types.
 */
export const ChainAnswer = Chain.extend({
  events: z.array(item<EventSummary>()),
  edges: z.array(item<Edge>()),
  timing: ChainTiming.extend({ events: z.array(item<EventTiming>()) }),
});

/** The timing of the event with this `Event.id`: `timing.events` lines up with `events`. */
export function timingOf(
  chain: Pick<Chain, "events" | "timing">,
  id: string,
): EventTiming | undefined {
  const index = chain.events.findIndex((event) => event.id === id);
  return index < 0 ? undefined : chain.timing.events[index];
}
