/** How anomaly messages name records: by what a person on call recognises, type and service. */
import type { Event } from "../events/event";

/** Kafka's usual `topic[partition]@offset`, leaving out what is unknown. */
export function position(topic: string, partition: number | null, offset: string | null): string {
  return `${topic}${partition === null ? "" : `[${partition}]`}${offset === null ? "" : `@${offset}`}`;
}

/** The event's type as written; a record without one is named by where it sits in Kafka. */
export function eventName(event: Event): string {
  return (
    event.eventType ?? `untyped record ${position(event.topic, event.partition, event.offset)}`
  );
}

/** `eventName` opening a sentence: only our own fallback wording is ours to capitalise. */
export function openingName(event: Event): string {
  return (
    event.eventType ?? `Untyped record ${position(event.topic, event.partition, event.offset)}`
  );
}

/** The event's type and, when known, the service that produced it. */
export function actor(event: Event): string {
  return event.service === null ? eventName(event) : `${eventName(event)} (${event.service})`;
}

export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** "a", "a and b", "a, b and c"; long lists end in "and N more" to keep the sentence readable. */
export function listOf(values: readonly string[], limit = 3): string {
  const shown = values.length > limit ? values.slice(0, limit - 1) : [...values];
  const last = values.length > limit ? `${values.length - shown.length} more` : shown.pop();
  return shown.length === 0 ? (last ?? "") : `${shown.join(", ")} and ${last}`;
}

export function times(count: number): string {
  return count === 1 ? "once" : `${count} times`;
}
