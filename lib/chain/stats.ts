import type { EventSummary } from "../events/event";
import type { ChainStats } from "./chain";
import { distinct } from "./describe";
import { happenedAt } from "./order";

export function chainStats(events: readonly EventSummary[]): ChainStats {
  let first: { at: string; ms: number } | null = null;
  let last: { at: string; ms: number } | null = null;
  for (const event of events) {
    const at = happenedAt(event);
    const ms = Date.parse(at);
    // A record whose time could not be read says nothing about when the chain ran.
    if (Number.isNaN(ms)) continue;
    if (first === null || ms < first.ms) first = { at, ms };
    if (last === null || ms > last.ms) last = { at, ms };
  }
  return {
    eventCount: events.length,
    services: distinct(events.flatMap(({ service }) => service ?? [])).sort(),
    topics: distinct(events.map(({ topic }) => topic)).sort(),
    firstAt: first?.at ?? null,
    lastAt: last?.at ?? null,
    durationMs: first && last ? last.ms - first.ms : 0,
    deadLettered: events.filter(({ dlq }) => dlq !== null).length,
  };
}
