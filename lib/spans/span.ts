import { z } from "zod";

/**
 * A span as Causeway keeps it: what chain reconstruction needs of an OpenTelemetry span, with
 * its messaging attributes read once (both the current and the older semantic conventions).
 */
export const SpanKind = z.enum([
  "unspecified",
  "internal",
  "server",
  "client",
  "producer",
  "consumer",
]);
export type SpanKind = z.infer<typeof SpanKind>;

export const SpanLink = z.object({ traceId: z.string(), spanId: z.string() });
export type SpanLink = z.infer<typeof SpanLink>;

export const AttributeValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
]);
export type AttributeValue = z.infer<typeof AttributeValue>;

/** The `messaging.*` attributes chain reconstruction reads. */
export const Messaging = z.object({
  system: z.string().nullable(),
  /** `send`, `receive`, `process`, … (`messaging.operation.type`, formerly `messaging.operation`). */
  operation: z.string().nullable(),
  destination: z.string().nullable(),
  partition: z.number().int().nullable(),
  offset: z.string().nullable(),
  consumerGroup: z.string().nullable(),
});
export type Messaging = z.infer<typeof Messaging>;

export const Span = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  name: z.string(),
  kind: SpanKind,
  startTime: z.string(),
  endTime: z.string(),
  durationMs: z.number(),
  /** The resource's `service.name`. */
  service: z.string().nullable(),
  /** Null for a span without any `messaging.*` attribute. */
  messaging: Messaging.nullable(),
  links: z.array(SpanLink),
  attributes: z.record(z.string(), AttributeValue),
});
export type Span = z.infer<typeof Span>;

export function spanDocId(span: Pick<Span, "traceId" | "spanId">): string {
  return `${span.traceId}:${span.spanId}`;
}

/** Reads the messaging attributes; null when the span has none. */
export function messagingOf(attributes: Record<string, AttributeValue>): Messaging | null {
  if (!Object.keys(attributes).some((key) => key.startsWith("messaging."))) return null;
  const text = (...keys: string[]) => {
    for (const key of keys) {
      const value = attributes[key];
      if (typeof value === "string" && value !== "") return value;
      if (typeof value === "number") return String(value);
    }
    return null;
  };
  const partition = text(
    "messaging.destination.partition.id",
    "messaging.kafka.destination.partition",
  );
  return {
    system: text("messaging.system"),
    operation: text("messaging.operation.type", "messaging.operation"),
    destination: text("messaging.destination.name", "messaging.destination"),
    partition: partition !== null && /^\d+$/.test(partition) ? Number(partition) : null,
    offset: text("messaging.kafka.offset", "messaging.kafka.message.offset"),
    consumerGroup: text("messaging.consumer.group.name", "messaging.kafka.consumer.group"),
  };
}
