/**
 * Causation read from OpenTelemetry spans, for records that carry only a `traceparent`: record
 * B's send span descends from the `process` (or `receive`) span of the consumer that handled
 * record A, whose parent or link is A's send span, so A caused B. The spans also say which
 * service sent a record and when the consumer picked A up.
 */
import type { EventSummary, TraceContext } from "../events/event";
import { type Span, spanDocId } from "../spans/span";
import { isAttempt } from "./topics";

export type SpanLinks = {
  /** Child `Event.id` → parent `Event.id`, as the spans show it. */
  parentOf: Map<string, string>;
  /** Child `Event.id` → the consumer span that handled its parent and sent it. */
  handledBy: Map<string, Span>;
  /** `Event.id` → the span that sent the record. */
  sentBy: Map<string, Span>;
};

const CONSUMER_OPERATIONS = new Set(["process", "receive", "deliver"]);

export function linkBySpans(ordered: readonly EventSummary[], spans: readonly Span[]): SpanLinks {
  const spanById = new Map(spans.map((span) => [spanDocId(span), span]));
  const recordsBySendSpan = new Map<string, EventSummary[]>();
  for (const event of ordered) {
    if (!event.trace) continue;
    const key = spanDocId(event.trace);
    recordsBySendSpan.set(key, [...(recordsBySendSpan.get(key) ?? []), event]);
  }
  const links: SpanLinks = { parentOf: new Map(), handledBy: new Map(), sentBy: new Map() };
  for (const event of ordered) {
    const send = event.trace ? spanById.get(spanDocId(event.trace)) : undefined;
    if (!send) continue;
    links.sentBy.set(event.id, send);
    const handler = consumerAncestor(send, spanById);
    if (!handler) continue;
    const cause = recordHandled(handler, recordsBySendSpan);
    if (!cause || cause.id === event.id) continue;
    links.parentOf.set(event.id, cause.id);
    links.handledBy.set(event.id, handler);
  }
  return links;
}

/** The nearest ancestor of `span` that is a consumer handling a record. */
function consumerAncestor(span: Span, spanById: ReadonlyMap<string, Span>): Span | undefined {
  const seen = new Set<string>();
  let current = parentOf(span, spanById);
  while (current && !seen.has(current.spanId)) {
    if (isConsumerSpan(current)) return current;
    seen.add(current.spanId);
    current = parentOf(current, spanById);
  }
  return undefined;
}

function isConsumerSpan(span: Span): boolean {
  if (span.messaging === null) return false;
  const operation = span.messaging.operation;
  return operation === null ? span.kind === "consumer" : CONSUMER_OPERATIONS.has(operation);
}

function parentOf(span: Span, spanById: ReadonlyMap<string, Span>): Span | undefined {
  return span.parentSpanId === null
    ? undefined
    : spanById.get(spanDocId({ traceId: span.traceId, spanId: span.parentSpanId }));
}

/**
 * The record a consumer span handled: the one sent by its parent or a linked span. The record
 * the span names by topic, partition and offset wins; otherwise it must be the only original
 * (retry and dead-letter copies carry the original's traceparent), or the link is not drawn.
 */
function recordHandled(
  handler: Span,
  recordsBySendSpan: ReadonlyMap<string, EventSummary[]>,
): EventSummary | undefined {
  const sources: TraceContext[] = [
    ...(handler.parentSpanId === null
      ? []
      : [{ traceId: handler.traceId, spanId: handler.parentSpanId }]),
    ...handler.links,
  ];
  const candidates = [
    ...new Set(sources.flatMap((source) => recordsBySendSpan.get(spanDocId(source)) ?? [])),
  ];
  const { destination, partition, offset } = handler.messaging ?? {};
  const named = candidates.find(
    (record) =>
      record.topic === destination && record.partition === partition && record.offset === offset,
  );
  if (named) return named;
  const originals = candidates.filter((record) => !isAttempt(record));
  return originals.length === 1 ? originals[0] : undefined;
}

/**
 * The record with what its send span says and the envelope did not: the sending service, and
 * for an event type the destination (or the span's name).
 */
export function withSpanFacts(event: EventSummary, send: Span | undefined): EventSummary {
  if (!send || (event.service !== null && event.eventType !== null)) return event;
  return {
    ...event,
    service: event.service ?? send.service,
    eventType: event.eventType ?? send.messaging?.destination ?? send.name,
  };
}
