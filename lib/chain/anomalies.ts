/**
 * Anomalies that can be read off one chain alone. Each message is one sentence naming the
 * event types, services and topics involved, so the person on call knows where to look.
 */
import type { DeadLetterSummary, EventSummary } from "../events/event";
import type { Anomaly } from "./chain";
import { actor, distinct, eventName, listOf, openingName, position, times } from "./describe";
import { groupBy, type Links } from "./links";
import { learnedAnomalies, type Learned } from "./learned-anomalies";
import { orderingAnomalies } from "./ordering-anomalies";
import { isAttempt, isRetryTopic } from "./topics";

/**
 * `ordered` is sorted by occurrence; anomalies come most urgent kind first. Without `learned`
 * (no flow statistics yet) `slow-hop` and `missing-step` cannot be judged and are left out.
 */
export function findAnomalies(
  ordered: readonly EventSummary[],
  links: Links,
  learned?: Learned,
): Anomaly[] {
  return [
    ...ordered.flatMap(deadLetterAnomaly),
    ...(learned ? learnedAnomalies(ordered, links, learned) : []),
    ...[...links.orphansByCausationId].map(([causationId, children]) =>
      orphanAnomaly(causationId, children),
    ),
    ...links.cycles.map(cycleAnomaly),
    ...orderingAnomalies(ordered, links),
    ...retryAnomalies(ordered),
    ...duplicateAnomalies(ordered),
  ];
}

function deadLetterAnomaly(event: EventSummary): Anomaly[] {
  if (event.dlq === null) return [];
  const { originalTopic, originalPartition, originalOffset, consumerGroup } = event.dlq;
  const from =
    originalTopic === null
      ? ""
      : ` from ${position(originalTopic, originalPartition, originalOffset)}`;
  const by = consumerGroup === null ? "" : ` by ${consumerGroup}`;
  const message = `${openingName(event)}${from} was dead-lettered to ${event.topic}${by}${failure(event.dlq)}`;
  return [{ kind: "dlq", eventIds: [event.id], message }];
}

function failure({ errorClass, errorMessage }: DeadLetterSummary): string {
  const error = [errorClass, errorMessage].filter((part) => part !== null).join(": ");
  return error === ""
    ? "; it carries no error class or message, so the consumer's logs are the place to look."
    : `: ${error.replace(/[.\s]+$/, "")}.`;
}

function orphanAnomaly(causationId: string, children: EventSummary[]): Anomaly {
  const names = distinct(children.map(actor));
  const one = names.length === 1;
  const message =
    `${listOf(names)} ${one ? "names" : "name"} causation id ${causationId}, which was never ` +
    `seen: ${one ? "its" : "their"} parent may not be indexed yet, may be on a topic the ` +
    `collector does not read, or was never produced.`;
  return { kind: "orphan", eventIds: children.map(({ id }) => id), message };
}

function cycleAnomaly(cycle: EventSummary[]): Anomaly {
  const [root] = cycle;
  const services = distinct(cycle.flatMap(({ service }) => service ?? []));
  const loop =
    cycle.length === 1
      ? `${listOf(cycle.map(actor))} names itself as its cause`
      : [...stepsOf(cycle), ...cycle.slice(0, 1).map(actor)].join(" → ");
  const producers =
    services.length === 0
      ? "their producers set"
      : `${listOf(services)} ${services.length === 1 ? "sets" : "set"}`;
  const message =
    `causation cycle: ${loop}. Events cannot cause each other in a loop, so ` +
    `${root ? eventName(root) : "the earliest"} is shown as a root; check how ${producers} ` +
    `causation ids.`;
  return { kind: "out-of-order", eventIds: cycle.map(({ id }) => id), message };
}

/** A long cycle is shown by its ends, which is enough to find where the loop starts. */
function stepsOf(cycle: readonly EventSummary[]): string[] {
  if (cycle.length <= 5) return cycle.map(actor);
  const skipped = `… ${cycle.length - 4} more …`;
  return [...cycle.slice(0, 3).map(actor), skipped, ...cycle.slice(-1).map(actor)];
}

function retryAnomalies(ordered: readonly EventSummary[]): Anomaly[] {
  const deadLettersByEventId = groupBy(
    ordered.filter(({ dlq }) => dlq !== null),
    ({ eventId }) => eventId,
  );
  const causationIds = new Set(ordered.map(({ causationId }) => causationId));
  // A retry record without an event id cannot be matched to other attempts: it stands alone.
  const attemptsByEvent = groupBy(
    ordered.filter(({ topic }) => isRetryTopic(topic)),
    ({ eventId, id }) => eventId ?? id,
  );
  return [...attemptsByEvent.values()].flatMap((attempts) => {
    const [first] = attempts;
    if (!first) return [];
    const topics = listOf(distinct(attempts.map(({ topic }) => topic)));
    const deadLetter = first.eventId ? deadLettersByEventId.get(first.eventId)?.[0] : undefined;
    const outcome =
      first.eventId === null
        ? "; it has no event id, so whether a later attempt went through cannot be told."
        : deadLetter
          ? ` before it was dead-lettered to ${deadLetter.topic}.`
          : causationIds.has(first.eventId)
            ? " before it went through; the consumer's logs around the earlier attempts say why they failed."
            : ` and nothing has followed it yet: it may be waiting for its next attempt, or the consumer of ${topics} may be stuck.`;
    const message = `${openingName(first)} was retried ${times(attempts.length)} through ${topics}${outcome}`;
    return [{ kind: "retry", eventIds: attempts.map(({ id }) => id), message }];
  });
}

function duplicateAnomalies(ordered: readonly EventSummary[]): Anomaly[] {
  // Retry and DLQ copies repeat an event id on purpose; only the same topic twice is a duplicate.
  const deliveries = groupBy(
    ordered.filter((event) => !isAttempt(event)),
    ({ eventId, topic }) => (eventId === null ? null : JSON.stringify([eventId, topic])),
  );
  return [...deliveries.values()].flatMap((records) => {
    const [first] = records;
    if (!first || records.length < 2) return [];
    const onePartition = new Set(records.map(({ partition }) => partition)).size === 1;
    const offsets = records
      .map(({ partition, offset }) => (onePartition ? offset : `${partition}:${offset}`))
      .join(", ");
    const type = first.eventType === null ? "" : ` (${first.eventType})`;
    const twice = records.length === 2 ? "twice" : `${records.length} times`;
    const message =
      `Event ${first.eventId}${type} was delivered ${records.length} times on ${first.topic} ` +
      `(offsets ${offsets}); consumers that are not idempotent will process it ${twice}.`;
    return [{ kind: "duplicate", eventIds: records.map(({ id }) => id), message }];
  });
}
