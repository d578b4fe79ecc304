/**
 * The order a chain is shown in: when each event occurred, then where it sits in Kafka, so
 * events stamped with the same time still come out in one stable order.
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

export function sortByOccurrence<E extends EventSummary>(events: readonly E[]): E[] {
  // Parse each key once: a chain may hold 10,000 events and the comparator runs n log n times.
  const keyed = events.map((event) => ({
    event,
    time: sortableTime(happenedAt(event)),
    offset: BigInt(event.offset),
  }));
  keyed.sort(
    (a, b) =>
      compare(a.time, b.time) ||
      compare(a.event.topic, b.event.topic) ||
      compare(a.event.partition, b.event.partition) ||
      compare(a.offset, b.offset),
  );
  return keyed.map(({ event }) => event);
}
