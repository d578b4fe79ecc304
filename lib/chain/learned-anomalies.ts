/**
 * `slow-hop` and `missing-step`: anomalies judged against what the index says usually happens
 * (see flows.ts), never against configured expectations.
 */
import type { EventSummary } from "../events/event";
import type { Anomaly } from "./chain";
import { actor, count, duration, eventName } from "./describe";
import { edgesByFrom, type FlowEdge, type FlowStats } from "./flows";
import type { Links } from "./links";
import { happenedAt, sortableTime } from "./order";
import { isAttempt } from "./topics";

export type Learned = {
  stats: FlowStats;
  /** When the chain is judged (ms since the epoch): a step is missing only once it is overdue. */
  now: number;
  /** Fewest chains of type A before anything is learned about what follows A. */
  minChains: number;
  /** How often B must follow A before its absence is reported as a missing step. */
  minFollowShare: number;
};

/** A hop is slow when it takes more than this many times its usual p95 ... */
const SLOW_FACTOR = 2;
/** ... and at least this much longer, so jitter on millisecond hops is not reported. */
const SLOW_MIN_EXCESS_MS = 100;

export function learnedAnomalies(
  ordered: readonly EventSummary[],
  links: Links,
  learned: Learned,
): Anomaly[] {
  const byFrom = edgesByFrom(learned.stats);
  const childrenOf = new Map<string, EventSummary[]>();
  for (const event of ordered) {
    const parentId = links.parentOf.get(event.id);
    if (parentId === undefined || isAttempt(event)) continue;
    const siblings = childrenOf.get(parentId);
    if (siblings) siblings.push(event);
    else childrenOf.set(parentId, [event]);
  }

  const slow: Anomaly[] = [];
  const missing: Anomaly[] = [];
  for (const event of ordered) {
    if (isAttempt(event) || event.eventType === null) continue;
    const edges = (byFrom.get(event.eventType) ?? []).filter(
      (edge) => edge.fromChains >= learned.minChains,
    );
    const children = childrenOf.get(event.id) ?? [];
    for (const child of children) {
      const edge = edges.find(({ to }) => to === child.eventType);
      const anomaly = edge && slowHop(event, child, edge);
      if (anomaly) slow.push(anomaly);
    }
    for (const edge of edges) {
      if (edge.followShare < learned.minFollowShare) continue;
      if (children.some(({ eventType }) => eventType === edge.to)) continue;
      const anomaly = missingStep(event, edge, learned.now);
      if (anomaly) missing.push(anomaly);
    }
  }
  return [...missing, ...slow];
}

function slowHop(parent: EventSummary, child: EventSummary, edge: FlowEdge): Anomaly | null {
  const hop = sortableTime(happenedAt(child)) - sortableTime(happenedAt(parent));
  if (!Number.isFinite(hop)) return null;
  if (hop <= edge.p95Ms * SLOW_FACTOR || hop - edge.p95Ms < SLOW_MIN_EXCESS_MS) return null;
  const consumer = child.service ?? `the consumer of ${parent.topic}`;
  const message =
    `${actor(child)} came ${duration(hop)} after ${eventName(parent)}, where that hop usually ` +
    `takes ${duration(edge.p50Ms)} (p95 ${duration(edge.p95Ms)} over ${count(edge.chains)} ` +
    `chains): check whether ${consumer} was lagging or slow around ${happenedAt(parent)}.`;
  return { kind: "slow-hop", eventIds: [parent.id, child.id], message };
}

function missingStep(event: EventSummary, edge: FlowEdge, now: number): Anomaly | null {
  const age = now - sortableTime(happenedAt(event));
  if (!Number.isFinite(age) || age <= edge.p95Ms) return null;
  const share = Math.floor(edge.followShare * 100);
  const message =
    `${edge.to} usually follows ${eventName(event)} within ${duration(edge.p95Ms)} ` +
    `(${share}% of ${count(edge.fromChains)} chains); none after ${duration(age)}: check ` +
    `whether the consumer of ${event.topic} is running and reading it.`;
  return { kind: "missing-step", eventIds: [event.id], message };
}
