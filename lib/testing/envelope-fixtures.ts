/**
 * Records as real producers write them, one per envelope kind, dead-letter variant and odd
 * record, for the decoder's unit tests and the collector's formats integration test.
 */
export type FixtureRecord = {
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers: Record<string, string | Buffer>;
};

const json = (value: unknown) => JSON.stringify(value);

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

function int64(value: bigint): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(value);
  return buffer;
}

export const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

export const envelopes = {
  cloudEventsStructured: {
    key: "order-7",
    value: json({
      specversion: "1.0",
      id: "ce-order-placed-7",
      source: "/shop/order-service",
      type: "com.shop.order.placed",
      time: "2026-11-23T09:59:58.250Z",
      datacontenttype: "application/json",
      dataschema: "https://schemas.shop.example/order-placed/2",
      correlationid: "order-7",
      causationid: "cmd-place-7",
      traceparent: TRACEPARENT,
      data: { orderId: "7", total: 12.5 },
    }),
    headers: { "content-type": "application/cloudevents+json; charset=UTF-8" },
  },
  cloudEventsStructuredBase64: {
    key: "order-7",
    value: json({
      specversion: "1.0",
      id: "ce-order-shipped-7",
      source: "/shop/shipping",
      type: "com.shop.order.shipped",
      data_base64: Buffer.from(json({ orderId: "7", carrier: "dhl" })).toString("base64"),
    }),
    headers: { "content-type": "application/cloudevents+json" },
  },
  cloudEventsBinary: {
    key: "order-7",
    value: json({ orderId: "7", amount: 12.5, currency: "EUR" }),
    headers: {
      ce_specversion: "1.0",
      ce_id: "ce-payment-7",
      ce_source: "/shop/payment-service",
      ce_type: "com.shop.payment.processed",
      ce_time: "2026-11-23T09:59:58.750Z",
      ce_correlationid: "order-7",
      ce_causationid: "ce-order-placed-7",
      "content-type": "application/json",
    },
  },
  massTransit: {
    key: null,
    value: json({
      messageId: "18000000-5d5c-0015-7a6b-08dcf0a7b8a1",
      requestId: null,
      correlationId: "c0ffee00-0000-0000-0000-000000000007",
      conversationId: "18000000-5d5c-0015-5b1c-08dcf0a7b89f",
      initiatorId: "18000000-5d5c-0015-0a3e-08dcf0a7b89e",
      sourceAddress: "rabbitmq://localhost/shop/order-service",
      destinationAddress: "rabbitmq://localhost/shop/Shop.Contracts:OrderSubmitted",
      messageType: [
        "urn:message:Shop.Contracts:OrderSubmitted",
        "urn:message:Shop.Contracts:IOrderEvent",
      ],
      message: { orderId: "7", total: 12.5 },
      sentTime: "2026-11-23T09:59:58.1234567Z",
      headers: {},
      host: {
        machineName: "shop-1",
        processName: "Shop.Orders",
        processId: 42,
        assembly: "Shop.Orders",
        assemblyVersion: "1.0.0.0",
        frameworkVersion: "8.0.8",
        massTransitVersion: "8.2.5.0",
        operatingSystemVersion: "Unix 6.1.0.0",
      },
    }),
    headers: { "content-type": "application/vnd.masstransit+json" },
  },
  nServiceBus: {
    key: null,
    value: json({ OrderId: "7", Amount: 12.5 }),
    headers: {
      "NServiceBus.MessageId": "5b8d1c1e-3a77-4d2b-9a3f-b0f1009a1c2d",
      "NServiceBus.MessageIntent": "Publish",
      "NServiceBus.ConversationId": "0f6e8a4c-1d2b-4c3a-8e9f-b0f1009a1b00",
      "NServiceBus.CorrelationId": "1a2b3c4d-0000-0000-0000-b0f1009a1b01",
      "NServiceBus.RelatedTo": "1a2b3c4d-0000-0000-0000-b0f1009a1b01",
      "NServiceBus.EnclosedMessageTypes":
        "Shop.Messages.Events.OrderBilled, Shop.Messages, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null;Shop.Messages.Events.IOrderEvent, Shop.Messages, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null",
      "NServiceBus.TimeSent": "2026-11-23 09:59:58:123456 Z",
      "NServiceBus.OriginatingEndpoint": "Shop.Billing",
      "NServiceBus.OriginatingMachine": "billing-1",
      "NServiceBus.ContentType": "application/json",
      "NServiceBus.Version": "9.2.0",
    },
  },
  seed: {
    key: "order-7",
    value: json({
      event_id: "e-2",
      event_type: "PaymentProcessed",
      correlation_id: "order-7",
      causation_id: "e-1",
      occurred_at: "2026-11-23T09:59:58.500Z",
      schema_version: "3",
      payload: { amount: 12.5 },
    }),
    headers: {},
  },
  headersOnly: {
    key: "order-7",
    value: "ORDER|7|shipped",
    headers: { "event-id": "e-3", "correlation-id": "order-7", service: "shipping" },
  },
  traceparentOnly: {
    key: null,
    value: json({ sku: "A-1", stock: 3 }),
    headers: { traceparent: TRACEPARENT },
  },
  /** Read through the mapping in `legacyMapping`. */
  legacy: {
    key: null,
    value: json({ meta: { ids: ["legacy-1"], trace: "order-7", at: 1795427998000 }, kind: "Sold" }),
    headers: { "X-Origin": "till-12" },
  },
} satisfies Record<string, FixtureRecord>;

/** A mapping file's contents for `envelopes.legacy`, on topics matching `topic`. */
export function legacyMapping(topic: string) {
  return {
    mappings: [
      {
        topic,
        eventId: { path: "$.meta.ids[0]" },
        correlationId: [{ header: "x-correlation" }, { path: "$.meta.trace" }],
        eventType: { path: "kind" },
        occurredAt: { path: "$.meta.at" },
        service: { header: "X-Origin" },
      },
    ],
  };
}

const springStack =
  "org.springframework.kafka.listener.ListenerExecutionFailedException: Listener method threw exception\n\tat com.shop.payment.PaymentListener.onMessage(PaymentListener.java:42)";

export const deadLetters = {
  /** Spring Kafka's DeadLetterPublishingRecoverer after retry topics: binary ints and longs. */
  springDlt: {
    key: "order-7",
    value: envelopes.seed.value,
    headers: {
      "kafka_dlt-original-topic": "payments",
      "kafka_dlt-original-partition": int32(3),
      "kafka_dlt-original-offset": int64(9001n),
      "kafka_dlt-original-timestamp": int64(1795427998500n),
      "kafka_dlt-original-consumer-group": "payment-service",
      "kafka_dlt-exception-fqcn": "com.shop.payment.CardDeclinedException",
      "kafka_dlt-exception-message": "card declined",
      "kafka_dlt-exception-stacktrace": springStack,
      "retry_topic-attempts": int32(4),
    },
  },
  /** The `kafka_exception-*` / `kafka_original-*` headers, with text numbers. */
  springException: {
    key: "order-7",
    value: envelopes.seed.value,
    headers: {
      "kafka_original-topic": "payments",
      "kafka_original-partition": "1",
      "kafka_original-offset": "77",
      "kafka_original-consumer-group": "payment-service",
      "kafka_exception-fqcn":
        "org.springframework.kafka.support.serializer.DeserializationException",
      "kafka_exception-message": "failed to deserialize",
      "kafka_exception-stacktrace": springStack,
    },
  },
  /** A record Spring forwarded to a retry topic: an attempt, with the failure that caused it. */
  springRetry: {
    key: "order-7",
    value: envelopes.seed.value,
    headers: {
      "kafka_dlt-original-topic": "payments",
      "kafka_dlt-original-partition": int32(3),
      "kafka_dlt-original-offset": int64(9001n),
      "kafka_dlt-exception-fqcn": "java.net.SocketTimeoutException",
      "kafka_dlt-exception-message": "Read timed out",
      "retry_topic-attempts": int32(2),
      "retry_topic-backoff-timestamp": Buffer.from([0x01, 0x9a, 0xb1, 0x2c, 0x3d, 0x4e]),
    },
  },
  connect: {
    key: "order-7",
    value: json({ orderId: "7", total: "twelve" }),
    headers: {
      "__connect.errors.topic": "orders",
      "__connect.errors.partition": "0",
      "__connect.errors.offset": "1234",
      "__connect.errors.connector.name": "orders-jdbc-sink",
      "__connect.errors.task.id": "0",
      "__connect.errors.stage": "VALUE_CONVERTER",
      "__connect.errors.class.name": "org.apache.kafka.connect.json.JsonConverter",
      "__connect.errors.exception.class.name": "org.apache.kafka.connect.errors.DataException",
      "__connect.errors.exception.message": "Converting byte[] to Kafka Connect data failed",
      "__connect.errors.exception.stacktrace":
        "org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed\n\tat org.apache.kafka.connect.json.JsonConverter.toConnectData(JsonConverter.java:324)",
    },
  },
  massTransitFault: {
    key: null,
    value: envelopes.massTransit.value,
    headers: {
      "content-type": "application/vnd.masstransit+json",
      "MT-Reason": "fault",
      "MT-Fault-ExceptionType": "System.TimeoutException",
      "MT-Fault-Message": "The payment gateway did not answer in time",
      "MT-Fault-StackTrace":
        "   at Shop.Billing.ChargeCardConsumer.Consume(ConsumeContext`1 context) in /src/Shop.Billing/ChargeCardConsumer.cs:line 42",
      "MT-Fault-Timestamp": "2026-11-23T09:59:59.5000000Z",
      "MT-Fault-ConsumerType": "Shop.Billing.ChargeCardConsumer",
      "MT-Fault-MessageType": "Shop.Contracts.OrderSubmitted",
      "MT-Fault-InputAddress": "rabbitmq://localhost/shop/charge-card",
      "MT-Fault-RetryCount": "2",
      "MT-Host-MachineName": "billing-1",
    },
  },
  nServiceBusFault: {
    key: null,
    value: envelopes.nServiceBus.value,
    headers: {
      ...envelopes.nServiceBus.headers,
      "NServiceBus.FailedQ": "Shop.Billing@billing-1",
      "NServiceBus.ProcessingEndpoint": "Shop.Billing",
      "NServiceBus.TimeOfFailure": "2026-11-23 09:59:59:250000 Z",
      "NServiceBus.ExceptionInfo.ExceptionType": "System.InvalidOperationException",
      "NServiceBus.ExceptionInfo.Message": "Order 7 is already billed",
      "NServiceBus.ExceptionInfo.StackTrace":
        "System.InvalidOperationException: Order 7 is already billed\n   at Shop.Billing.OrderBilledHandler.Handle(OrderBilled message)",
    },
  },
  wrapped: {
    key: "order-7",
    value: json({
      original_event: JSON.parse(envelopes.seed.value) as unknown,
      original_topic: "payments",
      retry_count: 3,
      final_error: {
        type: "GatewayTimeout",
        message: "timeout calling bank",
        stack: "GatewayTimeout: timeout calling bank\n    at charge (/app/payments.js:12:9)",
      },
      failed_at: "2026-11-23T09:59:59.900Z",
    }),
    headers: {},
  },
  /** Nothing but the topic name says this is a dead letter. */
  topicOnly: { key: "order-7", value: envelopes.seed.value, headers: {} },
} satisfies Record<string, FixtureRecord>;

/** A Confluent wire-format prefix: magic byte 0 and a 4-byte schema id. */
function confluent(schemaId: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0]), int32(schemaId), body]);
}

export const ONE_MIB = 1024 * 1024;

export const oddRecords = {
  tombstone: { key: "order-7", value: null, headers: {} },
  binary: {
    key: Buffer.from([0xff, 0xfe, 0x01]),
    // A Protobuf message: field 1 (string "order-7"), field 2 (varint 1250).
    value: Buffer.from([0x0a, 0x07, ...Buffer.from("order-7"), 0x10, 0xe2, 0x09]),
    headers: {},
  },
  invalidJson: { key: "order-7", value: '{"orderId": "7", "total": 12.', headers: {} },
  confluentAvro: {
    key: "order-7",
    // Avro: string "order-7" (zig-zag length 14), double 12.5.
    value: confluent(
      42,
      Buffer.concat([
        Buffer.from([0x0e]),
        Buffer.from("order-7"),
        Buffer.from([0, 0, 0, 0, 0, 0, 0x29, 0x40]),
      ]),
    ),
    headers: {},
  },
  confluentJson: {
    key: "order-7",
    value: confluent(43, Buffer.from(envelopes.seed.value)),
    headers: {},
  },
  huge: {
    key: "order-7",
    value: json({
      event_id: "e-huge",
      correlation_id: "order-7",
      blob: "x".repeat(ONE_MIB + 1024),
    }),
    headers: {},
  },
  binaryHeader: {
    key: "order-7",
    value: envelopes.seed.value,
    headers: { "x-signature": Buffer.from([0x00, 0x9f, 0xc3, 0x28, 0xff]) },
  },
  noIds: { key: null, value: json({ hello: "world" }), headers: {} },
  // Nested deeper than the searchable payload field allows (its depth_limit is 100), with a
  // value that field indexes (JSON escapes its text, so `raw`'s words are not its words), so
  // Elasticsearch refuses the document as it is.
  tooDeep: {
    key: "order-7",
    value: `{"event_id":"e-deep","correlation_id":"order-7","payload":${'{"a":'.repeat(150)}"two\\nlines"${"}".repeat(150)}}`,
    headers: {},
  },
} satisfies Record<string, FixtureRecord>;
