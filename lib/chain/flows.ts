/**
 * The event-type graph learned from the index: per pair of event types A → B (B caused by A),
 * how often B follows A across chains, how long the hop takes and how often B failed. Computed
 * periodically by the collector's flow-stats job and read by the chain, flows and compare APIs.
 */
import { z } from "zod";
import type { EventSummary } from "../events/event";
import { groupBy, linkEvents } from "./links";
import { happenedAt, sortByOccurrence, sortableTime } from "./order";
import { isAttempt } from "./topics";

export const FlowNode = z.object({
  eventType: z.string(),
  /** Chains in the window that hold at least one event of this type. */
  chains: z.number().int(),
  events: z.number().int(),
});
export type FlowNode = z.infer<typeof FlowNode>;

export const FlowEdge = z.object({
  from: z.string(),
  to: z.string(),
  /** Chains in which an event of type `to` was caused by one of type `from`. */
  chains: z.number().int(),
  /** Chains holding an event of type `from`: `chains / fromChains` is how often B follows A. */
  fromChains: z.number().int(),
  followShare: z.number(),
  /** Hop time samples (one per caused event) and their percentiles, in milliseconds. */
  hops: z.number().int(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  /** Share of the caused events that were retried or dead-lettered. */
  failureShare: z.number(),
  /** A few correlation ids of chains with this hop, most recent first. */
  examples: z.array(z.string()),
});
export type FlowEdge = z.infer<typeof FlowEdge>;

/** The body of `GET /api/flows` and the document the flow-stats job stores. */
export const FlowStats = z.object({
  computedAt: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  chainCount: z.number().int(),
  eventCount: z.number().int(),
  /** The window held more events than the job reads; the statistics cover the newest part. */
  truncated: z.boolean(),
  nodes: z.array(FlowNode),
  edges: z.array(FlowEdge),
});
export type FlowStats = z.infer<typeof FlowStats>;

const EXAMPLES_PER_EDGE = 5;

type EdgeAccumulator = {
  chains: Set<string>;
  hopsMs: number[];
  failed: number;
  examples: { correlationId: string; at: number }[];
};

/** `chains` maps a correlation id to its records; records without a type take no part. */
export function computeFlowStats(
  chains: ReadonlyMap<string, readonly EventSummary[]>,
  window: { start: string; end: string; computedAt: string; truncated: boolean },
): FlowStats {
  const nodes = new Map<string, FlowNode>();
  const edges = new Map<string, EdgeAccumulator & { from: string; to: string }>();
  let eventCount = 0;

  for (const [correlationId, records] of chains) {
    eventCount += records.length;
    const ordered = sortByOccurrence(records);
    const { parentOf } = linkEvents(ordered);
    const byId = new Map(ordered.map((event) => [event.id, event]));
    const failedEventIds = new Set(ordered.filter(isAttempt).flatMap((e) => e.eventId ?? []));

    const originals = ordered.filter((event) => !isAttempt(event) && event.eventType !== null);
    for (const [eventType, ofType] of groupBy(originals, (event) => event.eventType)) {
      const node = nodes.get(eventType) ?? { eventType, chains: 0, events: 0 };
      node.chains += 1;
      node.events += ofType.length;
      nodes.set(eventType, node);
    }
    for (const child of originals) {
      const parent = byId.get(parentOf.get(child.id) ?? "");
      if (!parent || isAttempt(parent) || parent.eventType === null) continue;
      const from = parent.eventType;
      const to = child.eventType ?? "";
      const key = JSON.stringify([from, to]);
      const edge = edges.get(key) ?? {
        from,
        to,
        chains: new Set(),
        hopsMs: [],
        failed: 0,
        examples: [],
      };
      edge.chains.add(correlationId);
      const hop = sortableTime(happenedAt(child)) - sortableTime(happenedAt(parent));
      if (Number.isFinite(hop)) edge.hopsMs.push(Math.max(0, hop));
      if (child.eventId !== null && failedEventIds.has(child.eventId)) edge.failed += 1;
      noteExample(edge.examples, correlationId, sortableTime(happenedAt(child)));
      edges.set(key, edge);
    }
  }

  return {
    computedAt: window.computedAt,
    windowStart: window.start,
    windowEnd: window.end,
    chainCount: chains.size,
    eventCount,
    truncated: window.truncated,
    nodes: [...nodes.values()].sort((a, b) => b.chains - a.chains),
    edges: [...edges.values()]
      .map((edge) => finishEdge(edge, nodes.get(edge.from)?.chains ?? 0))
      .sort((a, b) => b.chains - a.chains || a.from.localeCompare(b.from)),
  };
}

function noteExample(examples: EdgeAccumulator["examples"], correlationId: string, at: number) {
  if (examples.some((example) => example.correlationId === correlationId)) return;
  examples.push({ correlationId, at: Number.isFinite(at) ? at : 0 });
  examples.sort((a, b) => b.at - a.at);
  examples.splice(EXAMPLES_PER_EDGE);
}

function finishEdge(
  edge: EdgeAccumulator & { from: string; to: string },
  fromChains: number,
): FlowEdge {
  const sorted = [...edge.hopsMs].sort((a, b) => a - b);
  const caused = Math.max(1, edge.hopsMs.length);
  return {
    from: edge.from,
    to: edge.to,
    chains: edge.chains.size,
    fromChains,
    followShare: fromChains === 0 ? 0 : Math.min(1, edge.chains.size / fromChains),
    hops: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    failureShare: edge.failed / caused,
    examples: edge.examples.map(({ correlationId }) => correlationId),
  };
}

/** Nearest-rank percentile of ascending `sorted`; 0 for no samples. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0;
}

/** Edges by `from` type, for the per-chain rules that look up what usually follows an event. */
export function edgesByFrom(stats: FlowStats): Map<string, FlowEdge[]> {
  const byFrom = new Map<string, FlowEdge[]>();
  for (const edge of stats.edges) {
    const list = byFrom.get(edge.from);
    if (list) list.push(edge);
    else byFrom.set(edge.from, [edge]);
  }
  return byFrom;
}
