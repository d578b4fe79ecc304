/**
 * `out-of-order` beyond cycles: a child stamped before the event it names as its cause, and
 * records of one key whose offsets disagree with their times (consumers see offset order).
 */
import type { EventSummary } from "../events/event";
import type { Anomaly } from "./chain";
import { actor, duration, eventName, position } from "./describe";
import { groupBy, type Links } from "./links";
import { compare, sortableTime } from "./order";
import { isAttempt } from "./topics";

export function orderingAnomalies(ordered: readonly EventSummary[], links: Links): Anomaly[] {
  return [...childBeforeParent(ordered, links), ...keyOffsetsAgainstTime(ordered)];
}

function childBeforeParent(ordered: readonly EventSummary[], links: Links): Anomaly[] {
  const byId = new Map(ordered.map((event) => [event.id, event]));
  return ordered.flatMap((child) => {
    const parent = byId.get(links.parentOf.get(child.id) ?? "");
    if (!parent || isAttempt(child) || isAttempt(parent)) return [];
    const early = sortableTime(parent.occurredAt) - sortableTime(child.occurredAt);
    if (!(early > 0) || !Number.isFinite(early)) return [];
    const clocks = [child.service, parent.service].filter((s) => s !== null);
    const whose =
      clocks.length === 2 && clocks[0] !== clocks[1]
        ? `the clocks of ${clocks[0]} and ${clocks[1]} disagree`
        : "the producer's clock jumped";
    const message =
      `${actor(child)} occurred ${duration(early)} before ${eventName(parent)}, the event it ` +
      `names as its cause: ${whose}, or the causation id is wrong.`;
    return [{ kind: "out-of-order" as const, eventIds: [parent.id, child.id], message }];
  });
}

function keyOffsetsAgainstTime(ordered: readonly EventSummary[]): Anomaly[] {
  const byKey = groupBy(
    ordered.filter((event) => !isAttempt(event)),
    ({ topic, partition, key }) => (key === null ? null : JSON.stringify([topic, partition, key])),
  );
  return [...byKey.values()].flatMap((records) => {
    const inOffsetOrder = records
      .map((event) => ({ event, offset: BigInt(event.offset), at: sortableTime(event.occurredAt) }))
      .sort((a, b) => compare(a.offset, b.offset));
    const anomalies: Anomaly[] = [];
    for (let i = 1; i < inOffsetOrder.length; i++) {
      const before = inOffsetOrder[i - 1];
      const after = inOffsetOrder[i];
      if (!before || !after || !(after.at < before.at)) continue;
      const { topic, partition, key } = after.event;
      const message =
        `On ${position(topic, partition, null)}, key ${key} has ${eventName(after.event)} at ` +
        `offset ${after.event.offset} although it occurred ${duration(before.at - after.at)} ` +
        `before ${eventName(before.event)} at offset ${before.event.offset}: consumers handle ` +
        `them in offset order, so check how the producer orders its sends for this key.`;
      anomalies.push({
        kind: "out-of-order",
        eventIds: [before.event.id, after.event.id],
        message,
      });
    }
    return anomalies;
  });
}
