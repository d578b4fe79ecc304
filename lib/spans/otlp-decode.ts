/**
 * OTLP/HTTP trace export requests (protobuf or JSON) to spans. Protobuf is decoded by
 * protobufjs with the official opentelemetry-proto definitions (scripts/otlp-proto.ts); both
 * encodings then go through one zod schema of the request in its JSON form.
 */
import protobuf from "protobufjs";
import { z } from "zod";
import descriptor from "./otlp-trace-proto.json";
import { type AttributeValue, messagingOf, type Span, type SpanKind } from "./span";

export class OtlpDecodeError extends Error {}

const requestType = protobuf.Root.fromJSON({ nested: descriptor.nested }).lookupType(
  "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest",
);

type AnyValueInput = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  bytesValue?: string;
  arrayValue?: { values?: AnyValueInput[] };
  kvlistValue?: { values?: { key: string; value?: AnyValueInput }[] };
};

const AnyValue: z.ZodType<AnyValueInput> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z.union([z.string().regex(/^-?\d+$/), z.number().int()]).optional(),
    doubleValue: z.number().optional(),
    bytesValue: z.string().optional(),
    arrayValue: z.object({ values: z.array(AnyValue).optional() }).optional(),
    kvlistValue: z
      .object({
        values: z.array(z.object({ key: z.string(), value: AnyValue.optional() })).optional(),
      })
      .optional(),
  }),
);
const KeyValues = z.array(z.object({ key: z.string(), value: AnyValue.optional() })).default([]);

const traceId = z.string().regex(/^[\da-f]{32}$/i, "a trace id is 16 bytes of hex");
const spanId = z.string().regex(/^[\da-f]{16}$/i, "a span id is 8 bytes of hex");
const nanos = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]);
const kinds: SpanKind[] = ["unspecified", "internal", "server", "client", "producer", "consumer"];

const OtlpSpan = z.object({
  traceId,
  spanId,
  parentSpanId: z.union([spanId, z.literal("")]).optional(),
  name: z.string().default(""),
  kind: z.union([z.number().int(), z.string()]).optional(),
  startTimeUnixNano: nanos,
  endTimeUnixNano: nanos,
  attributes: KeyValues,
  links: z.array(z.object({ traceId, spanId })).default([]),
});

const ExportTraceServiceRequest = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes: KeyValues }).optional(),
        scopeSpans: z.array(z.object({ spans: z.array(OtlpSpan).default([]) })).default([]),
      }),
    )
    .default([]),
});
type ExportTraceServiceRequest = z.infer<typeof ExportTraceServiceRequest>;

/** An `application/x-protobuf` body. */
export function decodeOtlpProtobuf(body: Uint8Array): Span[] {
  let object: Record<string, unknown>;
  try {
    object = requestType.toObject(requestType.decode(body), {
      longs: String,
      enums: Number,
      bytes: String,
    });
  } catch (error) {
    throw new OtlpDecodeError(`not an OTLP protobuf trace request: ${String(error)}`);
  }
  return spansOf(parse(hexIds(object)));
}

/** An `application/json` body (OTLP/JSON: ids in hex, enums as integers). */
export function decodeOtlpJson(text: string): Span[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OtlpDecodeError("the body is not JSON");
  }
  return spansOf(parse(json));
}

function parse(input: unknown): ExportTraceServiceRequest {
  const parsed = ExportTraceServiceRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OtlpDecodeError(
      `not an OTLP trace request: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`,
    );
  }
  return parsed.data;
}

/** protobufjs gives bytes as base64; OTLP/JSON, and Causeway, write ids in hex. */
function hexIds(request: Record<string, unknown>): unknown {
  const hex = (value: unknown) =>
    typeof value === "string" ? Buffer.from(value, "base64").toString("hex") : value;
  const withHexIds = (item: Record<string, unknown>) => ({
    ...item,
    traceId: hex(item.traceId),
    spanId: hex(item.spanId),
    ...(item.parentSpanId === undefined ? {} : { parentSpanId: hex(item.parentSpanId) }),
  });
  const resourceSpans = (request.resourceSpans ?? []) as Record<string, unknown>[];
  return {
    resourceSpans: resourceSpans.map((resource) => ({
      ...resource,
      scopeSpans: ((resource.scopeSpans ?? []) as Record<string, unknown>[]).map((scope) => ({
        ...scope,
        spans: ((scope.spans ?? []) as Record<string, unknown>[]).map((span) => ({
          ...withHexIds(span),
          links: ((span.links ?? []) as Record<string, unknown>[]).map(withHexIds),
        })),
      })),
    })),
  };
}

function spansOf(request: ExportTraceServiceRequest): Span[] {
  return request.resourceSpans.flatMap(({ resource, scopeSpans }) => {
    const serviceName = attributesOf(resource?.attributes ?? [])["service.name"];
    const service = typeof serviceName === "string" && serviceName !== "" ? serviceName : null;
    return scopeSpans.flatMap(({ spans }) =>
      spans.map((span): Span => {
        const attributes = attributesOf(span.attributes);
        const start = BigInt(span.startTimeUnixNano);
        const end = BigInt(span.endTimeUnixNano);
        return {
          traceId: span.traceId.toLowerCase(),
          spanId: span.spanId.toLowerCase(),
          parentSpanId: span.parentSpanId ? span.parentSpanId.toLowerCase() : null,
          name: span.name,
          kind: kindOf(span.kind),
          startTime: isoOfNanos(start),
          endTime: isoOfNanos(end),
          durationMs: end > start ? Number(end - start) / 1e6 : 0,
          service,
          messaging: messagingOf(attributes),
          links: span.links.map((link) => ({
            traceId: link.traceId.toLowerCase(),
            spanId: link.spanId.toLowerCase(),
          })),
          attributes,
        };
      }),
    );
  });
}

function kindOf(kind: number | string | undefined): SpanKind {
  if (typeof kind === "number") return kinds[kind] ?? "unspecified";
  const name = (kind ?? "").replace(/^SPAN_KIND_/, "").toLowerCase();
  return kinds.find((k) => k === name) ?? "unspecified";
}

function isoOfNanos(nanos: bigint): string {
  return new Date(Number(nanos / 1_000_000n)).toISOString();
}

function attributesOf(
  keyValues: { key: string; value?: AnyValueInput }[],
): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const { key, value } of keyValues) {
    const read = value === undefined ? null : valueOf(value);
    if (read !== null) attributes[key] = read;
  }
  return attributes;
}

/** Scalars and arrays of scalars; nested maps and bytes say nothing reconstruction reads. */
function valueOf(value: AnyValueInput): AttributeValue | null {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) {
    return (value.arrayValue.values ?? [])
      .map(valueOf)
      .filter((item): item is string | number | boolean => item !== null && !Array.isArray(item));
  }
  return null;
}
