/**
 * Rebuilds one correlation id's causation tree from its indexed records: the events in the order
 * they happened, parent → child edges, the roots, what looks wrong, and summary stats.
 */
import type { Event } from "../events/event";
import { findAnomalies } from "./anomalies";
import type { Chain, Edge } from "./chain";
import { linkEvents } from "./links";
import { sortByOccurrence } from "./order";
import { chainStats } from "./stats";

export function buildChain(correlationId: string, events: Event[]): Chain {
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
    anomalies: findAnomalies(ordered, links),
    stats: chainStats(ordered),
  };
}

/** A record indexed under two time-based indices comes back twice; it is still one record. */
function oncePerRecord(events: readonly Event[]): Event[] {
  return [...new Map(events.map((event) => [event.id, event])).values()];
}
