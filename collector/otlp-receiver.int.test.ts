import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type http from "node:http";
import { trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { KafkaJsInstrumentation } from "@opentelemetry/instrumentation-kafkajs";
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { ensureSpansTemplate, spansIndexFor } from "@/lib/elastic/spans";
import { createKafka } from "@/lib/kafka/client";
import { createLogger } from "@/lib/log";
import { getChain } from "@/lib/server/get-chain";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { startCollector, type Collector } from "./collector";
import { CollectorMetrics } from "./metrics";
import { startOtlpReceiver } from "./otlp-receiver";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";

/**
 * The OTLP receiver fed by the real OpenTelemetry SDK, kafkajs instrumentation and protobuf
 * exporter: a request span sends to `orders`, the payment service's consumer handles it and
 * sends to `payments` inside its process span. The records carry nothing but a traceparent.
 */
const ordersTopic = uniqueName("otel-orders");
const paymentsTopic = uniqueName("otel-payments");
const config = testConfig({
  CAUSEWAY_INDEX_PREFIX: uniqueName("otlp"),
  CAUSEWAY_COLLECTOR_GROUP: uniqueName("collector"),
  CAUSEWAY_TOPICS: `^(${ordersTopic}|${paymentsTopic})$`,
  CAUSEWAY_TOPIC_REFRESH_MS: "1000",
});
const es = createElasticsearch(config.elasticsearchUrl);
const log = createLogger("otlp-test", () => undefined);
let collector: Collector;
let receiver: http.Server;
let tracesUrl: string;

beforeAll(async () => {
  await Promise.all([
    ensureEventsTemplate(es, config.indexPrefix),
    ensureSpansTemplate(es, config.indexPrefix),
  ]);
  const admin = createKafka(config.kafkaBrokers, "otlp-test-admin").admin();
  await admin.connect();
  await createTopicsWithLeaders(admin, [{ topic: ordersTopic }, { topic: paymentsTopic }]);
  await admin.disconnect();
  collector = await startCollector({
    config,
    kafka: createKafka(config.kafkaBrokers, "otlp-test-collector"),
    es,
    log,
    metrics: new CollectorMetrics(),
  });
  receiver = await startOtlpReceiver({ port: 0, es, indexPrefix: config.indexPrefix, log });
  tracesUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/traces`;
});

afterAll(async () => {
  receiver?.close();
  await collector?.stop(1_000);
});

function tracerProvider(service: string) {
  return new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl }))],
  });
}

describe("OTLP receiver", () => {
  it("gives a traced order → payment flow one root and the edge between them", async () => {
    const orderService = tracerProvider("order-service");
    const paymentService = tracerProvider("payment-service");
    // The W3C propagator and the async context the instrumentation relies on.
    orderService.register();
    const instrumentation = new KafkaJsInstrumentation();
    instrumentation.setTracerProvider(orderService);
    // Required after the instrumentation is enabled, so it patches kafkajs as an app would.
    const { Kafka, logLevel } = createRequire(import.meta.url)(
      "kafkajs",
    ) as typeof import("kafkajs");
    const kafka = new Kafka({
      clientId: "otlp-test-shop",
      brokers: config.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    const consumer = kafka.consumer({ groupId: uniqueName("payment-service") });
    try {
      const traceId = await orderService
        .getTracer("shop")
        .startActiveSpan("POST /orders", async (request) => {
          await producer.send({
            topic: ordersTopic,
            messages: [{ key: "order-1", value: JSON.stringify({ orderId: "order-1" }) }],
          });
          request.end();
          return request.spanContext().traceId;
        });

      instrumentation.setTracerProvider(paymentService);
      let paid!: () => void;
      const paymentSent = new Promise<void>((resolve) => (paid = resolve));
      await consumer.connect();
      await consumer.subscribe({ topic: ordersTopic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          await producer.send({
            topic: paymentsTopic,
            messages: [{ key: message.key, value: JSON.stringify({ paid: 12.5 }) }],
          });
          paid();
        },
      });
      await paymentSent;
      await consumer.disconnect();
      await Promise.all([orderService.forceFlush(), paymentService.forceFlush()]);

      const chain = await eventually(
        "a chain of both records linked by their spans",
        async () => {
          const found = await getChain(es, config.indexPrefix, traceId);
          return found?.events.length === 2 && found.edges.length === 1 ? found : null;
        },
        60_000,
      );
      const order = chain.events.find((event) => event.topic === ordersTopic);
      const payment = chain.events.find((event) => event.topic === paymentsTopic);
      expect(chain.roots).toEqual([order?.id]);
      expect(chain.edges).toEqual([
        expect.objectContaining({ from: order?.id, to: payment?.id, via: "spans" }),
      ]);
      expect(order).toMatchObject({ service: "order-service", eventType: ordersTopic });
      expect(payment).toMatchObject({ service: "payment-service", eventType: paymentsTopic });
      expect(chain.causation).toMatchObject({ spanEdges: 1, unknown: null });
      const paymentTiming = chain.timing.events[chain.events.findIndex((e) => e === payment)];
      expect(paymentTiming?.split).toBe("measured");
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      instrumentation.disable();
      await Promise.all([orderService.shutdown(), paymentService.shutdown()]);
      trace.disable();
    }
  });

  it("answers 200 for a JSON export only once the spans are in Elasticsearch", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const send = provider.getTracer("test").startSpan("send orders", {
      attributes: { "messaging.system": "kafka", "messaging.destination.name": "orders" },
    });
    send.end();
    const [finished] = exporter.getFinishedSpans();
    const startedAt = new Date((finished?.startTime[0] ?? 0) * 1000).toISOString();
    const response = await fetch(tracesUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.from(JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans()) ?? []),
    });
    expect(response.status).toBe(200);
    const { traceId, spanId } = send.spanContext();
    // A get by id is real-time: it sees the document without waiting for a refresh.
    const stored = await es.get({
      index: spansIndexFor(config.indexPrefix, startedAt),
      id: `${traceId}:${spanId}`,
    });
    expect(stored.found).toBe(true);
  });

  it("answers 400 with a JSON error for a body that is not an export request", async () => {
    const response = await fetch(tracesUrl, {
      method: "POST",
      headers: { "content-type": "application/x-protobuf" },
      body: Buffer.from([0x0a, 0xff, 0xff, 0x01]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: expect.stringContaining("OTLP") });
  });

  it("answers 503 with Retry-After while Elasticsearch cannot store the spans", async () => {
    // Nothing listens on port 9: every request to this Elasticsearch is refused.
    const unreachable = await startOtlpReceiver({
      port: 0,
      es: createElasticsearch("http://127.0.0.1:9"),
      indexPrefix: config.indexPrefix,
      log,
    });
    try {
      const exporter = new InMemorySpanExporter();
      const provider = new BasicTracerProvider({
        spanProcessors: [new SimpleSpanProcessor(exporter)],
      });
      provider
        .getTracer("test")
        .startSpan("send orders", { attributes: { "messaging.system": "kafka" } })
        .end();
      const port = (unreachable.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/v1/traces`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: Buffer.from(JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans()) ?? []),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
    } finally {
      unreachable.close();
    }
  });
});
