/**
 * The order a chain is shown in: when each event occurred, then how deep it sits in the
 * causation tree, then where it sits in Kafka, so events stamped with the same time still come
 * out in one stable order with causes before what they caused.
 */
import type { EventSummary } from "../events/event";
import { isAttempt } from "./topics";

/** Milliseconds since the epoch; unreadable times sort last instead of poisoning comparisons. */
export function sortableTime(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/**
 * When the record happened on its topic. Retry and dead-letter copies carry the original's
 * occurredAt verbatim, so for them the Kafka timestamp of the copy is when it was attempted.
 */
export function happenedAt(event: EventSummary): string {
  return isAttempt(event) ? event.timestamp : event.occurredAt;
}

export function compare<T extends number | bigint | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * How many causation steps lead to each event (by `id`): 0 for a root, one more than its parent
 * for an event naming a `causationId`, and one more than the original for a retry or
 * dead-letter copy, which carries the original's event id. A cycle counts from where it closes.
 */
export function causationDepths(events: readonly EventSummary[]): Map<string, number> {
  const byEventId = new Map<string, EventSummary>();
  for (const event of events) {
    if (event.eventId === null) continue;
    const known = byEventId.get(event.eventId);
    // The event as first produced stands for its id, not one of its copies.
    if (!known || (isAttempt(known) && !isAttempt(event))) byEventId.set(event.eventId, event);
  }
  /** The step one level up: the original of a copy, else the event's cause. */
  const up = (event: EventSummary): EventSummary | null => {
    const original = event.eventId === null ? undefined : byEventId.get(event.eventId);
    if (original && original !== event) return original;
    const parent = event.causationId === null ? undefined : byEventId.get(event.causationId);
    return parent && parent !== event ? parent : null;
  };
  const depths = new Map<string, number>();
  // Walked with an explicit path, not recursion: a chain may be 10,000 causation steps deep.
  for (const start of events) {
    const path: EventSummary[] = [];
    const onPath = new Set<string>();
    let at: EventSummary | null = start;
    let base = -1;
    while (at !== null) {
      const known = depths.get(at.id);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (onPath.has(at.id)) break;
      onPath.add(at.id);
      path.push(at);
      at = up(at);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const event = path[i];
      if (event) depths.set(event.id, base + path.length - i);
    }
  }
  return depths;
}

export function sortByOccurrence<E extends EventSummary>(events: readonly E[]): E[] {
  const depths = causationDepths(events);
  // Parse each key once: a chain may hold 10,000 events and the comparator runs n log n times.
  const keyed = events.map((event) => ({
    event,
    time: sortableTime(happenedAt(event)),
    depth: depths.get(event.id) ?? 0,
    offset: BigInt(event.offset),
  }));
  keyed.sort(
    (a, b) =>
      compare(a.time, b.time) ||
      compare(a.depth, b.depth) ||
      compare(a.event.topic, b.event.topic) ||
      compare(a.event.partition, b.event.partition) ||
      compare(a.offset, b.offset),
  );
  return keyed.map(({ event }) => event);
}
