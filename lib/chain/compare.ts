/**
 * Two transactions side by side, e.g. a good order next to a stuck one: which steps, services
 * and hop times differ.
 */
import { z } from "zod";
import type { Chain } from "./chain";
import { distinct, duration } from "./describe";
import { isAttempt } from "./topics";

const Side = z.object({
  correlationId: z.string(),
  eventCount: z.number().int(),
  durationMs: z.number(),
  deadLettered: z.number().int(),
  anomalyKinds: z.array(z.string()),
});

export const StepDiff = z.object({
  eventType: z.string(),
  a: z.number().int(),
  b: z.number().int(),
  /** `Event.id`s of the first event of this type on each side, for linking. */
  aEventId: z.string().nullable(),
  bEventId: z.string().nullable(),
});
export type StepDiff = z.infer<typeof StepDiff>;

export const HopDiff = z.object({
  from: z.string(),
  to: z.string(),
  aMs: z.number().nullable(),
  bMs: z.number().nullable(),
  /** b − a; null when the hop exists on one side only. */
  diffMs: z.number().nullable(),
});
export type HopDiff = z.infer<typeof HopDiff>;

/** The body of `GET /api/compare?a=&b=`. */
export const ChainComparison = z.object({
  a: Side,
  b: Side,
  steps: z.array(StepDiff),
  services: z.object({
    onlyA: z.array(z.string()),
    onlyB: z.array(z.string()),
    both: z.array(z.string()),
  }),
  hops: z.array(HopDiff),
  /** The differences in sentences, most telling first; empty when the chains match. */
  differences: z.array(z.string()),
});
export type ChainComparison = z.infer<typeof ChainComparison>;

/** Hops that differ by less than this (and less than half their time) count as the same. */
const HOP_NOISE_MS = 250;
const UNTYPED = "(untyped)";

export function compareChains(a: Chain, b: Chain): ChainComparison {
  const stepsA = steps(a);
  const stepsB = steps(b);
  const types = distinct([...stepsA.keys(), ...stepsB.keys()]);
  const stepDiffs = types.map((eventType) => ({
    eventType,
    a: stepsA.get(eventType)?.length ?? 0,
    b: stepsB.get(eventType)?.length ?? 0,
    aEventId: stepsA.get(eventType)?.[0] ?? null,
    bEventId: stepsB.get(eventType)?.[0] ?? null,
  }));
  const hopsA = hops(a);
  const hopsB = hops(b);
  const hopDiffs = distinct([...hopsA.keys(), ...hopsB.keys()]).map((key): HopDiff => {
    const [from = "", to = ""] = JSON.parse(key) as string[];
    const aMs = hopsA.get(key) ?? null;
    const bMs = hopsB.get(key) ?? null;
    return { from, to, aMs, bMs, diffMs: aMs === null || bMs === null ? null : bMs - aMs };
  });
  const servicesA = new Set(a.stats.services);
  const servicesB = new Set(b.stats.services);
  const services = {
    onlyA: a.stats.services.filter((s) => !servicesB.has(s)),
    onlyB: b.stats.services.filter((s) => !servicesA.has(s)),
    both: a.stats.services.filter((s) => servicesB.has(s)),
  };
  return {
    a: side(a),
    b: side(b),
    steps: stepDiffs,
    services,
    hops: hopDiffs,
    differences: [
      ...stepDiffs.flatMap(stepSentence),
      ...services.onlyA.map((s) => `Only A involves ${s}.`),
      ...services.onlyB.map((s) => `Only B involves ${s}.`),
      ...hopDiffs.flatMap(hopSentence),
    ],
  };
}

function side(chain: Chain) {
  return {
    correlationId: chain.correlationId,
    eventCount: chain.stats.eventCount,
    durationMs: chain.stats.durationMs,
    deadLettered: chain.stats.deadLettered,
    anomalyKinds: distinct(chain.anomalies.map(({ kind }) => kind)),
  };
}

/** Event type → ids of its first deliveries (attempt copies are not steps of their own). */
function steps(chain: Chain): Map<string, string[]> {
  const byType = new Map<string, string[]>();
  for (const event of chain.events) {
    if (isAttempt(event)) continue;
    const type = event.eventType ?? UNTYPED;
    byType.set(type, [...(byType.get(type) ?? []), event.id]);
  }
  return byType;
}

/** Type pair → the first hop of that pair, in milliseconds. */
function hops(chain: Chain): Map<string, number> {
  const events = new Map(chain.events.map((event) => [event.id, event]));
  const parentOf = new Map(chain.edges.map(({ from, to }) => [to, from]));
  const result = new Map<string, number>();
  chain.events.forEach((child, index) => {
    const hopMs = chain.timing.events[index]?.hopMs ?? null;
    const parent = events.get(parentOf.get(child.id) ?? "");
    if (!parent || hopMs === null || isAttempt(child)) return;
    const key = JSON.stringify([parent.eventType ?? UNTYPED, child.eventType ?? UNTYPED]);
    if (!result.has(key)) result.set(key, hopMs);
  });
  return result;
}

function stepSentence({ eventType, a, b }: StepDiff): string[] {
  if (a === b) return [];
  if (a === 0) return [`Only B has ${eventType} (${b}).`];
  if (b === 0) return [`Only A has ${eventType} (${a}).`];
  return [`${eventType} happens ${a} times in A and ${b} times in B.`];
}

function hopSentence({ from, to, aMs, bMs, diffMs }: HopDiff): string[] {
  if (aMs === null || bMs === null || diffMs === null) return [];
  const slower = Math.max(aMs, bMs);
  if (Math.abs(diffMs) < HOP_NOISE_MS || Math.abs(diffMs) < slower / 2) return [];
  const which = diffMs > 0 ? "B" : "A";
  return [
    `${from} → ${to} took ${duration(slower)} in ${which} against ${duration(Math.min(aMs, bMs))} in the other.`,
  ];
}
