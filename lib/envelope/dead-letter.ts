import type { DeadLetter } from "../events/event";
import { headerNumber } from "./headers";
import { bodyValue, headerValue } from "./fields";

/** Header names that carry dead-letter metadata, per framework. */
const spring = {
  topic: ["kafka_dlt-original-topic", "kafka_original-topic"],
  partition: ["kafka_dlt-original-partition", "kafka_original-partition"],
  offset: ["kafka_dlt-original-offset", "kafka_original-offset"],
  errorClass: ["kafka_dlt-exception-fqcn", "kafka_exception-fqcn"],
  errorMessage: ["kafka_dlt-exception-message", "kafka_exception-message"],
  consumerGroup: ["kafka_dlt-original-consumer-group", "kafka_original-consumer-group"],
};
const connect = {
  topic: ["__connect.errors.topic"],
  partition: ["__connect.errors.partition"],
  offset: ["__connect.errors.offset"],
  errorClass: ["__connect.errors.exception.class.name"],
  errorMessage: ["__connect.errors.exception.message"],
  consumerGroup: ["__connect.errors.connector.name"],
};

export function hasDeadLetterHeaders(headers: Record<string, string>): boolean {
  return Object.keys(headers).some(
    (name) => name.startsWith("kafka_dlt-") || name.startsWith("__connect.errors."),
  );
}

/** Reads DLQ metadata from headers, else from a wrapped body `{original_event, final_error}`. */
export function readDeadLetter(
  headers: Record<string, string>,
  headerBytes: Record<string, Buffer>,
  body: Record<string, unknown> | null,
): DeadLetter {
  const names = Object.keys(headers).some((n) => n.startsWith("__connect.errors."))
    ? connect
    : spring;
  const number = (candidates: string[]) => {
    for (const name of candidates) {
      const value = headerNumber(headerBytes[name]);
      if (value !== null) return value;
    }
    return null;
  };
  const finalError = body?.final_error;
  const errorFromBody =
    typeof finalError === "string"
      ? { message: finalError, errorClass: null }
      : finalError && typeof finalError === "object"
        ? {
            message: bodyValue(finalError as Record<string, unknown>, ["message", "error"]),
            errorClass: bodyValue(finalError as Record<string, unknown>, ["class", "type", "name"]),
          }
        : { message: null, errorClass: null };
  const partition = number(names.partition);
  return {
    originalTopic:
      headerValue(headers, names.topic) ?? (body ? bodyValue(body, ["original_topic"]) : null),
    originalPartition: partition === null ? null : Number(partition),
    originalOffset: number(names.offset),
    errorClass: headerValue(headers, names.errorClass) ?? errorFromBody.errorClass,
    errorMessage: headerValue(headers, names.errorMessage) ?? errorFromBody.message,
    consumerGroup: headerValue(headers, names.consumerGroup),
    errorStack: null,
    failedAt: null,
  };
}
