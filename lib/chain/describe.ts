/** How anomaly messages name records: by what a person on call recognises, type and service. */
import type { EventSummary } from "../events/event";

/** Kafka's usual `topic[partition]@offset`, leaving out what is unknown. */
export function position(topic: string, partition: number | null, offset: string | null): string {
  return `${topic}${partition === null ? "" : `[${partition}]`}${offset === null ? "" : `@${offset}`}`;
}

/** The event's type as written; a record without one is named by where it sits in Kafka. */
export function eventName(event: EventSummary): string {
  return (
    event.eventType ?? `untyped record ${position(event.topic, event.partition, event.offset)}`
  );
}

/** `eventName` opening a sentence: only our own fallback wording is ours to capitalise. */
export function openingName(event: EventSummary): string {
  return (
    event.eventType ?? `Untyped record ${position(event.topic, event.partition, event.offset)}`
  );
}

/** The event's type and, when known, the service that produced it. */
export function actor(event: EventSummary): string {
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

/** A duration as a person reads it: "340 ms", "1.2 s", "41 s", "5 min", "2.5 h". */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${trimmed(ms / 1000)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${trimmed(ms / 3_600_000)} h`;
}

function trimmed(value: number): string {
  return value.toFixed(1).replace(/\.0$/, "");
}

/** "4,210": counts in sentences get thousands separators, independent of the server's locale. */
export function count(value: number): string {
  return value.toLocaleString("en-US");
}
