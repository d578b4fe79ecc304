/**
 * Rebuilds one correlation id's causation tree from its indexed records: the events in the order
 * they happened, parent → child edges, the roots, what looks wrong, and summary stats.
 */
import type { EventSummary } from "../events/event";
import type { Span } from "../spans/span";
import { findAnomalies } from "./anomalies";
import { CAUSATION_UNKNOWN, type Chain, type Edge } from "./chain";
import type { Learned } from "./learned-anomalies";
import { type Links, linkEvents } from "./links";
import { linkBySpans, type SpanLinks, withSpanFacts } from "./span-links";
import { sortByOccurrence } from "./order";
import { chainStats } from "./stats";
import { chainTiming } from "./timing";

export type BuildOptions = {
  /** Flow statistics and thresholds for `slow-hop`, `missing-step` and the time split. */
  learned?: Learned;
  truncated?: boolean;
  /** The kept OpenTelemetry spans of the chain's traces. */
  spans?: readonly Span[];
};

export function buildChain(
  correlationId: string,
  events: EventSummary[],
  options: BuildOptions = {},
): Chain {
  const { learned, truncated = false, spans = [] } = options;
  const records = oncePerRecord(events);
  const spanLinks = linkBySpans(records, spans);
  const ordered = sortByOccurrence(
    records.map((event) => withSpanFacts(event, spanLinks.sentBy.get(event.id))),
  );
  const links = linkEvents(ordered);
  const bySpans = addSpanParents(links, spanLinks);
  const edges: Edge[] = [];
  const roots: string[] = [];
  for (const { id } of ordered) {
    const parent = links.parentOf.get(id);
    if (parent === undefined) roots.push(id);
    else if (!bySpans.has(id)) edges.push({ from: parent, to: id });
    else {
      const consumerGroup = spanLinks.handledBy.get(id)?.messaging?.consumerGroup;
      edges.push({
        from: parent,
        to: id,
        via: "spans",
        ...(consumerGroup ? { consumerGroup } : {}),
      });
    }
  }
  const noCausationIds = ordered.every((event) => event.causationId === null);
  return {
    correlationId,
    events: ordered,
    edges,
    roots,
    anomalies: findAnomalies(ordered, links, learned),
    stats: chainStats(ordered),
    timing: chainTiming(ordered, links, learned?.stats, pickupTimes(bySpans, spanLinks)),
    truncated,
    learnedFrom: learned?.stats.computedAt ?? null,
    causation: {
      spans: spans.length,
      spanEdges: bySpans.size,
      unknown: roots.length > 1 && noCausationIds && spans.length === 0 ? CAUSATION_UNKNOWN : null,
    },
  };
}

/**
 * Hangs the roots the causation ids left under the parent the spans show, unless that would
 * close a loop; returns the records so placed. Causation ids win where both speak.
 */
function addSpanParents(links: Links, spanLinks: SpanLinks): Set<string> {
  const placed = new Set<string>();
  for (const [child, parent] of spanLinks.parentOf) {
    if (links.parentOf.has(child) || isAncestorOrSelf(child, parent, links.parentOf)) continue;
    links.parentOf.set(child, parent);
    placed.add(child);
  }
  return placed;
}

function isAncestorOrSelf(ancestor: string, id: string, parentOf: ReadonlyMap<string, string>) {
  const seen = new Set<string>();
  for (let at: string | undefined = id; at !== undefined && !seen.has(at); at = parentOf.get(at)) {
    if (at === ancestor) return true;
    seen.add(at);
  }
  return false;
}

/** Child `Event.id` → when the consumer that sent it picked its parent up (epoch ms). */
function pickupTimes(placed: ReadonlySet<string>, spanLinks: SpanLinks): Map<string, number> {
  const times = new Map<string, number>();
  for (const id of placed) {
    const start = Date.parse(spanLinks.handledBy.get(id)?.startTime ?? "");
    if (Number.isFinite(start)) times.set(id, start);
  }
  return times;
}

/** A record indexed under two time-based indices comes back twice; it is still one record. */
function oncePerRecord(events: readonly EventSummary[]): EventSummary[] {
  return [...new Map(events.map((event) => [event.id, event])).values()];
}
