import { type Span, spanDocId } from "./span";

/**
 * What the receiver keeps of an export: messaging spans and their ancestors up to the nearest
 * messaging span, so a send inside a consumer's handler can be walked up to the `process` span
 * that led to it. The other spans (queries, HTTP calls) say nothing about causation.
 */
export function messagingSpansAndAncestors(
  spans: readonly Span[],
  wanted: WantedParents = new WantedParents(),
): Span[] {
  const byId = new Map(spans.map((span) => [spanDocId(span), span]));
  const kept = new Set<string>();
  const keepWithAncestors = (from: Span) => {
    let parent = parentOf(from, byId);
    while (parent && parent.messaging === null && !kept.has(spanDocId(parent))) {
      kept.add(spanDocId(parent));
      parent = parentOf(parent, byId);
    }
  };
  for (const span of spans) {
    const id = spanDocId(span);
    if (span.messaging === null && !wanted.has(id)) continue;
    kept.add(id);
    keepWithAncestors(span);
  }
  const keeping = spans.filter((span) => kept.has(spanDocId(span)));
  for (const span of keeping) {
    const parent = parentKey(span);
    if (parent !== null && !byId.has(parent)) wanted.add(parent);
  }
  return keeping;
}

function parentKey(span: Span): string | null {
  return span.parentSpanId === null
    ? null
    : spanDocId({ traceId: span.traceId, spanId: span.parentSpanId });
}

function parentOf(span: Span, byId: ReadonlyMap<string, Span>): Span | undefined {
  const key = parentKey(span);
  return key === null ? undefined : byId.get(key);
}

/**
 * Parents of kept spans that were not in their export request. An SDK exports a span when it
 * ends, so a handler span often comes in a later request than the sends inside it; remembered
 * here, it is kept when it comes. Bounded: the oldest are forgotten first.
 */
export class WantedParents {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 100_000) {}

  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}
