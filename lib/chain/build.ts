/**
 * Rebuilds one correlation id's causation tree from its indexed records: the events in the order
 * they happened, parent → child edges, the roots, what looks wrong, and summary stats.
 */
import type { EventSummary } from "../events/event";
import { findAnomalies } from "./anomalies";
import type { Chain, Edge } from "./chain";
import type { Learned } from "./learned-anomalies";
import { linkEvents } from "./links";
import { sortByOccurrence } from "./order";
import { chainStats } from "./stats";
import { chainTiming } from "./timing";

export type BuildOptions = {
  /** Flow statistics and thresholds for `slow-hop`, `missing-step` and the time split. */
  learned?: Learned;
  truncated?: boolean;
};

export function buildChain(
  correlationId: string,
  events: EventSummary[],
  options: BuildOptions = {},
): Chain {
  const { learned, truncated = false } = options;
  const ordered = sortByOccurrence(oncePerRecord(events));
  const links = linkEvents(ordered);
  const edges: Edge[] = [];
  const roots: string[] = [];
  for (const { id } of ordered) {
    const parent = links.parentOf.get(id);
    if (parent === undefined) roots.push(id);
    else edges.push({ from: parent, to: id });
  }
  return {
    correlationId,
    events: ordered,
    edges,
    roots,
    anomalies: findAnomalies(ordered, links, learned),
    stats: chainStats(ordered),
    timing: chainTiming(ordered, links, learned?.stats),
    truncated,
    learnedFrom: learned?.stats.computedAt ?? null,
  };
}

/** A record indexed under two time-based indices comes back twice; it is still one record. */
function oncePerRecord(events: readonly EventSummary[]): EventSummary[] {
  return [...new Map(events.map((event) => [event.id, event])).values()];
}
