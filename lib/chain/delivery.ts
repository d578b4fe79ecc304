/**
 * Delivery status per event and consumer group (DESIGN.md): an event's offset against the
 * committed offset of every group reading its topic. Lag stops being an aggregate and becomes
 * "payment-service has not read this order's event yet; it is 41 s behind".
 */
import { z } from "zod";
import type { EventSummary } from "../events/event";
import { happenedAt, sortableTime } from "./order";
import { isAttempt } from "./topics";

export const DeliveryState = z.enum(["consumed", "pending", "dead-lettered", "no-subscriber"]);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const GroupDelivery = z.object({
  group: z.string(),
  state: DeliveryState,
  /** The group's committed offset on the event's partition (the next one it will read). */
  committedOffset: z.string().nullable(),
  /** How long the event has waited for this group, while `pending`. */
  pendingMs: z.number().nullable(),
  /** The dead-letter records that say this group gave up on the event. */
  deadLetterIds: z.array(z.string()),
});
export type GroupDelivery = z.infer<typeof GroupDelivery>;

export const EventDelivery = z.object({
  id: z.string(),
  /** The worst state over the groups: dead-lettered, then pending, then consumed. */
  state: DeliveryState,
  groups: z.array(GroupDelivery),
});
export type EventDelivery = z.infer<typeof EventDelivery>;

/** The body of `GET /api/chains/{correlationId}/delivery`. */
export const ChainDelivery = z.object({
  correlationId: z.string(),
  /** When the committed offsets were read from Kafka. */
  offsetsReadAt: z.string(),
  events: z.array(EventDelivery),
  /** True while some event waits for a group: the page keeps refreshing. */
  pending: z.boolean(),
});
export type ChainDelivery = z.infer<typeof ChainDelivery>;

/** topic → group → partition → committed offset (Kafka's "next offset to read"). */
export type CommittedOffsets = ReadonlyMap<
  string,
  ReadonlyMap<string, ReadonlyMap<number, bigint>>
>;

const SEVERITY: Record<DeliveryState, number> = {
  "no-subscriber": 0,
  consumed: 1,
  pending: 2,
  "dead-lettered": 3,
};

export function chainDelivery(
  correlationId: string,
  events: readonly EventSummary[],
  committed: CommittedOffsets,
  offsetsReadAt: number,
): ChainDelivery {
  const deadLetters = events.filter(({ dlq }) => dlq !== null);
  const delivered = events.map((event): EventDelivery => {
    const groups = [...(committed.get(event.topic) ?? new Map<string, Map<number, bigint>>())]
      .map(([group, partitions]) =>
        groupDelivery(event, group, partitions.get(event.partition), deadLetters, offsetsReadAt),
      )
      .sort((a, b) => a.group.localeCompare(b.group));
    const state = groups.reduce<DeliveryState>(
      (worst, { state }) => (SEVERITY[state] > SEVERITY[worst] ? state : worst),
      groups.length === 0 ? "no-subscriber" : "consumed",
    );
    return { id: event.id, state, groups };
  });
  return {
    correlationId,
    offsetsReadAt: new Date(offsetsReadAt).toISOString(),
    events: delivered,
    pending: delivered.some(({ groups }) => groups.some(({ state }) => state === "pending")),
  };
}

function groupDelivery(
  event: EventSummary,
  group: string,
  committedOffset: bigint | undefined,
  deadLetters: readonly EventSummary[],
  now: number,
): GroupDelivery {
  const gaveUp = deadLetters.filter((copy) => deadLettersFor(copy, event, group));
  const committedText = committedOffset === undefined ? null : String(committedOffset);
  if (gaveUp.length > 0) {
    return {
      group,
      state: "dead-lettered",
      committedOffset: committedText,
      pendingMs: null,
      deadLetterIds: gaveUp.map(({ id }) => id),
    };
  }
  const consumed = committedOffset !== undefined && committedOffset > BigInt(event.offset);
  const waiting = now - sortableTime(isAttempt(event) ? event.timestamp : happenedAt(event));
  return {
    group,
    state: consumed ? "consumed" : "pending",
    committedOffset: committedText,
    pendingMs: consumed ? null : Number.isFinite(waiting) ? Math.max(0, waiting) : null,
    deadLetterIds: [],
  };
}

/** A dead letter names its original by coordinates where it can, else by event id. */
function deadLettersFor(copy: EventSummary, event: EventSummary, group: string): boolean {
  const { dlq } = copy;
  if (dlq === null || copy === event) return false;
  if (dlq.consumerGroup !== null && dlq.consumerGroup !== group) return false;
  if (dlq.originalTopic !== null && dlq.originalOffset !== null) {
    return (
      dlq.originalTopic === event.topic &&
      dlq.originalOffset === event.offset &&
      (dlq.originalPartition === null || dlq.originalPartition === event.partition)
    );
  }
  return copy.eventId !== null && copy.eventId === event.eventId && !isAttempt(event);
}
