/**
 * Who each record's parent is. A record hangs under the canonical record of the event its
 * causation id names; a retry or DLQ copy of an event hangs under the previous attempt instead,
 * so an operator reads original → retry → DLQ top to bottom.
 */
import type { EventSummary } from "../events/event";
import { breakCycles } from "./cycles";
import { compare, sortableTime } from "./order";
import { isAttempt } from "./topics";

export type Links = {
  /** Child `Event.id` → parent `Event.id`; records without an entry are roots. */
  parentOf: Map<string, string>;
  /** Records whose causation id names an event never seen, grouped by that causation id. */
  orphansByCausationId: Map<string, EventSummary[]>;
  /** Causation cycles that were cut, each from the record made a root down its links. */
  cycles: EventSummary[][];
};

/** `ordered` must be sorted by occurrence: "earliest" below means first in it. */
export function linkEvents(ordered: readonly EventSummary[]): Links {
  const recordsByEventId = groupBy(ordered, (event) => event.eventId);
  const canonical = new Map<string, EventSummary>();
  for (const [eventId, records] of recordsByEventId) {
    const first = records.find((record) => !isAttempt(record)) ?? records[0];
    if (first) canonical.set(eventId, first);
  }
  /** The canonical record that `event` repeats, unless `event` is that record. */
  const originalOf = (event: EventSummary): EventSummary | undefined => {
    const original = event.eventId === null ? undefined : canonical.get(event.eventId);
    return original === event ? undefined : original;
  };

  const causationParent = new Map<string, string>();
  const orphans: EventSummary[] = [];
  for (const event of ordered) {
    const original = originalOf(event);
    if ((original && isAttempt(event)) || event.causationId === null) continue;
    const parent = canonical.get(event.causationId);
    if (!parent) orphans.push(event);
    else if (!original) causationParent.set(event.id, parent.id);
  }

  // Only canonical records are ever causation parents, so cycles can only run through them.
  const { parentOf, cycles } = breakCycles(
    ordered.map((event) => event.id),
    causationParent,
  );
  for (const event of ordered) {
    const original = originalOf(event);
    const parent = original && !isAttempt(event) ? parentOf.get(original.id) : undefined;
    if (parent) parentOf.set(event.id, parent);
  }
  for (const [eventId, records] of recordsByEventId) {
    const original = canonical.get(eventId);
    if (original) linkAttempts(original, records, parentOf);
  }

  const byId = new Map(ordered.map((event) => [event.id, event]));
  return {
    parentOf,
    orphansByCausationId: groupBy(orphans, (event) => event.causationId),
    cycles: cycles.map((ids) => ids.flatMap((id) => byId.get(id) ?? [])),
  };
}

/**
 * Chains the copies of one event behind its original in the order they were attempted. Copies
 * usually carry the original's occurredAt verbatim, so the Kafka timestamp of the copy says
 * when it was attempted; at the same instant a retry comes before a dead letter.
 */
function linkAttempts(
  original: EventSummary,
  records: readonly EventSummary[],
  parentOf: Map<string, string>,
) {
  const copies = records
    .filter((record) => record !== original && isAttempt(record))
    .map((copy) => ({ copy, time: sortableTime(copy.timestamp), dead: copy.dlq ? 1 : 0 }))
    .sort((a, b) => compare(a.time, b.time) || a.dead - b.dead);
  let previous = original;
  for (const { copy } of copies) {
    parentOf.set(copy.id, previous.id);
    previous = copy;
  }
}

/** Groups in first-seen order, skipping records without a key. */
export function groupBy<E extends EventSummary, K>(
  events: readonly E[],
  key: (event: E) => K | null,
) {
  const groups = new Map<K, E[]>();
  for (const event of events) {
    const value = key(event);
    if (value === null) continue;
    const group = groups.get(value);
    if (group) group.push(event);
    else groups.set(value, [event]);
  }
  return groups;
}
