import { type Span, spanDocId } from "./span";

/**
 * What the receiver keeps of an export: messaging spans and their ancestors up to the nearest
 * messaging span, so a send inside a consumer's handler can be walked up to the `process` span
 * that led to it. The other spans (queries, HTTP calls) say nothing about causation.
 */
export function messagingSpansAndAncestors(spans: readonly Span[]): Span[] {
  const byId = new Map(spans.map((span) => [spanDocId(span), span]));
  const kept = new Set<string>();
  for (const span of spans) {
    if (span.messaging === null) continue;
    kept.add(spanDocId(span));
    let parent = parentOf(span, byId);
    while (parent && parent.messaging === null && !kept.has(spanDocId(parent))) {
      kept.add(spanDocId(parent));
      parent = parentOf(parent, byId);
    }
  }
  return spans.filter((span) => kept.has(spanDocId(span)));
}

function parentOf(span: Span, byId: ReadonlyMap<string, Span>): Span | undefined {
  return span.parentSpanId === null
    ? undefined
    : byId.get(spanDocId({ traceId: span.traceId, spanId: span.parentSpanId }));
}
