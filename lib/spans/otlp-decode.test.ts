import { context, SpanKind, trace } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { messagingSpansAndAncestors, WantedParents } from "./messaging-spans";
import { decodeOtlpJson, decodeOtlpProtobuf, OtlpDecodeError } from "./otlp-decode";

/**
 * Spans made by the real SDK and encoded by the real OTLP serializers an exporter uses: a send
 * to `orders`, a process span under it, a handler span and a send to `payments` under that,
 * and a database query beside the send.
 */
function exportedSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "payment-service" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("test");
  const send = tracer.startSpan("send orders", {
    kind: SpanKind.PRODUCER,
    attributes: { "messaging.system": "kafka", "messaging.destination.name": "orders" },
  });
  const process = tracer.startSpan(
    "process orders",
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        "messaging.system": "kafka",
        "messaging.operation.type": "process",
        "messaging.destination.name": "orders",
        "messaging.destination.partition.id": "0",
        "messaging.kafka.offset": "41",
        "messaging.consumer.group.name": "payments",
      },
    },
    trace.setSpan(context.active(), send),
  );
  const handler = tracer.startSpan("charge card", {}, trace.setSpan(context.active(), process));
  const inHandler = trace.setSpan(context.active(), handler);
  const query = tracer.startSpan("SELECT balance", { kind: SpanKind.CLIENT }, inHandler);
  const sendPayment = tracer.startSpan(
    "send payments",
    {
      kind: SpanKind.PRODUCER,
      attributes: { "messaging.system": "kafka", "messaging.destination.name": "payments" },
    },
    inHandler,
  );
  for (const span of [query, sendPayment, handler, process, send]) span.end();
  const finished = exporter.getFinishedSpans();
  return { finished, protobuf: protobufOf(finished), send, process };
}

function protobufOf(spans: Parameters<typeof ProtobufTraceSerializer.serializeRequest>[0]) {
  const body = ProtobufTraceSerializer.serializeRequest(spans);
  if (!body) throw new Error("the serializer gave no body");
  return body;
}

describe("decoding OTLP trace export requests", () => {
  it("reads the same spans from the protobuf and the JSON encoding", () => {
    const { finished, protobuf } = exportedSpans();
    const fromProtobuf = decodeOtlpProtobuf(protobuf);
    const fromJson = decodeOtlpJson(
      new TextDecoder().decode(JsonTraceSerializer.serializeRequest(finished)),
    );
    expect(fromProtobuf).toHaveLength(5);
    expect(fromJson).toEqual(fromProtobuf);
  });

  it("keeps ids in hex, the parent, the service and the messaging attributes", () => {
    const { protobuf, send, process } = exportedSpans();
    const spans = decodeOtlpProtobuf(protobuf);
    const decoded = spans.find((span) => span.name === "process orders");
    expect(decoded).toMatchObject({
      traceId: process.spanContext().traceId,
      spanId: process.spanContext().spanId,
      parentSpanId: send.spanContext().spanId,
      kind: "consumer",
      service: "payment-service",
      messaging: {
        system: "kafka",
        operation: "process",
        destination: "orders",
        partition: 0,
        offset: "41",
        consumerGroup: "payments",
      },
    });
    expect(spans.find((span) => span.name === "charge card")?.messaging).toBeNull();
  });

  it("refuses a body that is not an export request", () => {
    expect(() => decodeOtlpJson("{not json")).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpJson('{"resourceSpans":[{"scopeSpans":[{"spans":[{}]}]}]}')).toThrow(
      OtlpDecodeError,
    );
    expect(() => decodeOtlpProtobuf(Buffer.from([0x0a, 0xff, 0xff, 0x01]))).toThrow(
      OtlpDecodeError,
    );
  });
});

describe("messagingSpansAndAncestors", () => {
  it("keeps messaging spans and the spans between them, not the query beside them", () => {
    const spans = decodeOtlpProtobuf(exportedSpans().protobuf);
    const kept = messagingSpansAndAncestors(spans).map((span) => span.name);
    expect(kept.sort()).toEqual(["charge card", "process orders", "send orders", "send payments"]);
  });

  it("keeps a handler span that comes in a later export than the send inside it", () => {
    const spans = decodeOtlpProtobuf(exportedSpans().protobuf);
    const handler = spans.find((span) => span.name === "charge card");
    const wanted = new WantedParents();
    const first = spans.filter((span) => span.name === "send payments");
    const later = spans.filter((span) => span !== first[0]);
    expect(messagingSpansAndAncestors(first, wanted)).toHaveLength(1);
    expect(messagingSpansAndAncestors(later, wanted)).toContain(handler);
    expect(messagingSpansAndAncestors(later)).not.toContain(handler);
  });
});
