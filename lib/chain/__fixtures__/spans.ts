/**
 * Readable builders for spans as the receiver keeps them: a send span, the consumer's process
 * span under it, and whatever the test names.
 */
import type { Messaging, Span } from "../../spans/span";
import { at } from "./events";

export const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

let nextSpanId = 1;

export function spanId(): string {
  return (nextSpanId++).toString(16).padStart(16, "0");
}

export type SpanSpec = Partial<Omit<Span, "messaging">> & {
  messaging?: Partial<Messaging> | null;
  /** Seconds after the fixtures' start, as `at()` reads them. */
  startSeconds?: number;
};

export function makeSpan(spec: SpanSpec = {}): Span {
  const { messaging = {}, startSeconds = 0, ...fields } = spec;
  return {
    traceId: TRACE_ID,
    spanId: spanId(),
    parentSpanId: null,
    name: "span",
    kind: "internal",
    startTime: at(startSeconds),
    endTime: at(startSeconds),
    durationMs: 0,
    service: null,
    links: [],
    attributes: {},
    ...fields,
    messaging:
      messaging === null
        ? null
        : {
            system: "kafka",
            operation: null,
            destination: null,
            partition: null,
            offset: null,
            consumerGroup: null,
            ...messaging,
          },
  };
}

export function sendSpan(topic: string, service: string, parent?: Span): Span {
  return makeSpan({
    name: `send ${topic}`,
    kind: "producer",
    service,
    parentSpanId: parent?.spanId ?? null,
    messaging: { operation: "send", destination: topic },
  });
}
