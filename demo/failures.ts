import type { z } from "zod";

/**
 * A handler failure as the Java services this demo imitates would report it, so that the
 * dead-letter headers carry realistic exception classes and stack traces.
 */
export class ConsumerFailure extends Error {
  constructor(
    readonly exceptionClass: string,
    message: string,
    /** The innermost frames, before the listener and Spring's container frames. */
    readonly frames: readonly string[],
  ) {
    super(message);
  }
}

/** Anything a handler threw that is not a known failure is still dead-lettered, as a bug. */
export function asConsumerFailure(error: unknown): { failure: ConsumerFailure; expected: boolean } {
  if (error instanceof ConsumerFailure) return { failure: error, expected: true };
  const message = error instanceof Error ? error.message : String(error);
  return {
    failure: new ConsumerFailure("java.lang.IllegalStateException", message, []),
    expected: false,
  };
}

export function jsonParseFailure(text: string, cause: unknown): ConsumerFailure {
  const token = text.match(/^[^\s|,{}[\]"]*/)?.[0] ?? "";
  const reason = cause instanceof Error ? cause.message : "invalid JSON";
  return new ConsumerFailure(
    "com.fasterxml.jackson.core.JsonParseException",
    `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token ` +
      `'null', 'true' or 'false') (${reason})\n at [Source: (byte[])"${text.slice(0, 200)}"; line: 1]`,
    [
      "com.fasterxml.jackson.core.JsonParser._constructError(JsonParser.java:2477)",
      "com.fasterxml.jackson.core.base.ParserMinimalBase._reportError(ParserMinimalBase.java:760)",
      "com.fasterxml.jackson.core.json.UTF8StreamJsonParser._reportInvalidToken(UTF8StreamJsonParser.java:3693)",
      "com.fasterxml.jackson.core.json.UTF8StreamJsonParser.nextToken(UTF8StreamJsonParser.java:761)",
      "com.fasterxml.jackson.databind.ObjectMapper.readValue(ObjectMapper.java:3609)",
      "com.shop.common.EventDeserializer.deserialize(EventDeserializer.java:31)",
    ],
  );
}

export function invalidEvent(what: string, error: z.ZodError): ConsumerFailure {
  const issues = error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  return new ConsumerFailure(
    "com.shop.common.InvalidEventException",
    `Invalid ${what}: ${issues.join("; ")}`,
    ["com.shop.common.EventValidator.validate(EventValidator.java:54)"],
  );
}

const CONTAINER_FRAMES = [
  "org.springframework.kafka.listener.adapter.RecordMessagingMessageListenerAdapter.onMessage(RecordMessagingMessageListenerAdapter.java:69)",
  "org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeOnMessage(KafkaMessageListenerContainer.java:2888)",
  "org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.invokeOnMessage(KafkaMessageListenerContainer.java:2853)",
  "org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeRecordListener(KafkaMessageListenerContainer.java:2764)",
  "org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.run(KafkaMessageListenerContainer.java:1302)",
  "java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:539)",
  "java.base/java.util.concurrent.FutureTask.run(FutureTask.java:264)",
  "java.base/java.lang.Thread.run(Thread.java:833)",
];

/** `listenerFrame` names the service's own listener method, between the cause and Spring. */
export function javaStackTrace(failure: ConsumerFailure, listenerFrame: string): string {
  const frames = [...failure.frames, listenerFrame, ...CONTAINER_FRAMES];
  return [`${failure.exceptionClass}: ${failure.message}`, ...frames.map((f) => `\tat ${f}`)].join(
    "\n",
  );
}
