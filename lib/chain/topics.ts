import type { EventSummary } from "../events/event";

/**
 * Retry topics hold further attempts at an event that a consumer failed to handle, e.g.
 * `payments-retry`, `payments.retry`, `payments_retry`, or Spring's `payments-retry-2`.
 */
const RETRY_TOPIC = /[-._]retry(?:-\d+)?$/i;

/** The same pattern as a Lucene regexp over a whole topic name (use it case-insensitively). */
export const RETRY_TOPIC_LUCENE = ".*[-._]retry(-[0-9]+)?";

export function isRetryTopic(topic: string): boolean {
  return RETRY_TOPIC.test(topic);
}

/**
 * A retry attempt or a dead-lettered copy rather than the event as first produced: by its topic,
 * or by an attempt number a retry header gave it (Spring's `retry_topic-attempts`).
 */
export function isAttempt(event: EventSummary): boolean {
  return event.dlq !== null || isRetryTopic(event.topic) || (event.attempt ?? 1) > 1;
}
