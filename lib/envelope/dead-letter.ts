import type { DeadLetter } from "../events/event";
import { type Body, isObject, stringOf } from "./envelope-read";
import { headerValue } from "./fields";
import { headerNumber } from "./headers";
import { endpointName } from "./masstransit";
import { CAUSE_CLASS_HEADERS, rootCause } from "./root-cause";
import { isoTime } from "./time";

const INT32_MAX = 2 ** 31 - 1;

function isLong(text: string): boolean {
  return /^-?\d{1,19}$/.test(text) && BigInt.asIntN(64, BigInt(text)) === BigInt(text);
}

/** What a framework writes as text; the partition and task id are read as numbers. */
type Field = Exclude<keyof DeadLetter, "originalPartition" | "wrapperClass" | "taskId">;

/** Where a framework writes each dead-letter field, as lower-case header names. */
type Variant = {
  /** A header starting with one of these marks the record as this framework's dead letter. */
  marks: string[];
  names: Partial<Record<Field | "partition" | "taskId", string[]>>;
  /** Turns a header value into the field value, where the framework's form differs. */
  adapt?: Partial<Record<Field, (value: string) => string | null>>;
};

const variants: Variant[] = [
  {
    // Kafka Connect's errors.deadletterqueue.context.headers.enable.
    marks: ["__connect.errors."],
    names: {
      originalTopic: ["__connect.errors.topic"],
      partition: ["__connect.errors.partition"],
      originalOffset: ["__connect.errors.offset"],
      errorClass: ["__connect.errors.exception.class.name"],
      errorMessage: ["__connect.errors.exception.message"],
      errorStack: ["__connect.errors.exception.stacktrace"],
      consumerGroup: ["__connect.errors.connector.name"],
      stage: ["__connect.errors.stage"],
      stageClass: ["__connect.errors.class.name"],
      connectorName: ["__connect.errors.connector.name"],
      taskId: ["__connect.errors.task.id"],
    },
    // A sink connector consumes in the group `connect-<connector name>`.
    adapt: { consumerGroup: (name) => `connect-${name}` },
  },
  {
    marks: ["mt-fault-"],
    names: {
      originalTopic: ["mt-fault-inputaddress"],
      errorClass: ["mt-fault-exceptiontype"],
      errorMessage: ["mt-fault-message"],
      errorStack: ["mt-fault-stacktrace"],
      consumerGroup: ["mt-fault-consumertype"],
      failedAt: ["mt-fault-timestamp"],
    },
    // The input address is the receive endpoint, e.g. `rabbitmq://host/vhost/submit-order`.
    adapt: { originalTopic: (address) => endpointName(address) ?? address },
  },
  {
    marks: ["nservicebus.exceptioninfo.", "nservicebus.failedq"],
    names: {
      originalTopic: ["nservicebus.failedq"],
      errorClass: ["nservicebus.exceptioninfo.exceptiontype"],
      errorMessage: ["nservicebus.exceptioninfo.message"],
      errorStack: ["nservicebus.exceptioninfo.stacktrace"],
      consumerGroup: ["nservicebus.processingendpoint"],
      failedAt: ["nservicebus.timeoffailure"],
    },
    // `queue@machine` on MSMQ-era transports.
    adapt: { originalTopic: (queue) => queue.split("@")[0] || null },
  },
  {
    // Spring Kafka's DeadLetterPublishingRecoverer (`kafka_dlt-*`), its `kafka_exception-*` /
    // `kafka_original-*` variant, and Spring Cloud Stream's binder DLQ (`x-*`).
    marks: ["kafka_dlt-", "kafka_exception-", "kafka_original-", "x-exception-", "x-original-"],
    names: {
      originalTopic: ["kafka_dlt-original-topic", "kafka_original-topic", "x-original-topic"],
      partition: [
        "kafka_dlt-original-partition",
        "kafka_original-partition",
        "x-original-partition",
      ],
      originalOffset: ["kafka_dlt-original-offset", "kafka_original-offset", "x-original-offset"],
      errorClass: [
        "kafka_dlt-exception-fqcn",
        "kafka_exception-fqcn",
        "x-exception-fqcn",
        "kafka_dlt-key-exception-fqcn",
      ],
      errorMessage: [
        "kafka_dlt-exception-message",
        "kafka_exception-message",
        "x-exception-message",
        "kafka_dlt-key-exception-message",
      ],
      errorStack: [
        "kafka_dlt-exception-stacktrace",
        "kafka_exception-stacktrace",
        "x-exception-stacktrace",
        "kafka_dlt-key-exception-stacktrace",
      ],
      consumerGroup: ["kafka_dlt-original-consumer-group", "kafka_original-consumer-group"],
    },
  },
];

function variantOf(headers: Record<string, string>): Variant | null {
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  return (
    variants.find((variant) =>
      variant.marks.some((mark) => names.some((name) => name.startsWith(mark))),
    ) ?? null
  );
}

export function hasDeadLetterHeaders(headers: Record<string, string>): boolean {
  return variantOf(headers) !== null;
}

/**
 * Reads DLQ metadata from the first framework whose headers the record carries, then fills what
 * is still missing from a wrapped body `{original_event, retry_count, final_error}`. A record
 * that is a dead letter by its topic name alone gets all fields null but its failure time, the
 * DLQ record's own `timestamp` (ISO) where no framework says when it failed.
 */
export function readDeadLetter(
  headers: Record<string, string>,
  headerBytes: Record<string, Buffer>,
  body: Body | null,
  timestamp: string,
): DeadLetter {
  const variant = variantOf(headers);
  const fromHeader = (field: Field): string | null => {
    const value = headerValue(headers, variant?.names[field] ?? []);
    const adapt = variant?.adapt?.[field];
    return value !== null && adapt ? adapt(value) : value;
  };
  const number = (field: "partition" | "originalOffset" | "taskId"): string | null => {
    const lower = new Map(Object.entries(headerBytes).map(([k, v]) => [k.toLowerCase(), v]));
    for (const name of variant?.names[field] ?? []) {
      const value = headerNumber(lower.get(name));
      if (value !== null) return value;
    }
    return null;
  };
  const wrapped = wrappedFailure(body);
  const partition = Number(number("partition") ?? wrapped.partition ?? Number.NaN);
  const offset = number("originalOffset") ?? wrapped.originalOffset;
  const failedAt = fromHeader("failedAt") ?? wrapped.failedAt;
  const outer = {
    errorClass: fromHeader("errorClass") ?? wrapped.errorClass,
    message: fromHeader("errorMessage") ?? wrapped.errorMessage,
  };
  const errorStack = fromHeader("errorStack") ?? wrapped.errorStack;
  const root = rootCause(outer, errorStack, headerValue(headers, CAUSE_CLASS_HEADERS));
  const wrapperClass =
    root.errorClass !== null && outer.errorClass !== root.errorClass ? outer.errorClass : null;
  // Out-of-range numbers would make Elasticsearch reject the whole document, so they are dropped.
  return {
    originalTopic: fromHeader("originalTopic") ?? wrapped.originalTopic,
    originalPartition: int32(partition),
    originalOffset: offset !== null && isLong(offset) ? offset : null,
    errorClass: root.errorClass,
    errorMessage: root.message,
    wrapperClass,
    consumerGroup: fromHeader("consumerGroup") ?? wrapped.consumerGroup,
    errorStack,
    failedAt: isoTime(failedAt) ?? timestamp,
    stage: fromHeader("stage"),
    stageClass: fromHeader("stageClass"),
    connectorName: fromHeader("connectorName"),
    taskId: int32(Number(number("taskId") ?? Number.NaN)),
  };
}

function int32(value: number): number | null {
  return Number.isInteger(value) && value >= 0 && value <= INT32_MAX ? value : null;
}

/** The failure a wrapped DLQ body describes; `final_error` is a message or an error object. */
function wrappedFailure(body: Body | null) {
  const error = body?.final_error;
  const errorObject = isObject(error) ? error : {};
  const first = (source: Body, keys: string[]) => {
    for (const key of keys) {
      const value = stringOf(source[key]);
      if (value !== null) return value;
    }
    return null;
  };
  const outer = body ?? {};

  return {
    originalTopic: first(outer, ["original_topic", "originalTopic"]),
    partition: first(outer, ["original_partition", "originalPartition"]),
    originalOffset: first(outer, ["original_offset", "originalOffset"]),
    errorClass: first(errorObject, ["class", "type", "name", "exception"]),
    errorMessage: typeof error === "string" ? error : first(errorObject, ["message", "error"]),
    errorStack: first(errorObject, ["stack", "stacktrace", "stack_trace", "stackTrace"]),
    consumerGroup: first(outer, ["consumer_group", "consumerGroup"]),
    failedAt: first(outer, ["failed_at", "failedAt"]) ?? first(errorObject, ["timestamp", "at"]),
  };
}
