import type { ConsumedRecord } from "./record";
import { type ConsumerFailure, javaStackTrace } from "./failures";

/** Where a dead-lettered record first failed: the record and consumer group that choked on it. */
export interface RecordOrigin {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  consumerGroup: string;
}

export function originOf(record: ConsumedRecord, consumerGroup: string): RecordOrigin {
  const { topic, partition, offset, timestamp } = record;
  return { topic, partition, offset, timestamp, consumerGroup };
}

/** The headers Spring Kafka's DeadLetterPublishingRecoverer adds, as text. */
export function deadLetterHeaders(
  origin: RecordOrigin,
  failure: ConsumerFailure,
  listenerFrame: string,
): Record<string, string> {
  return {
    "kafka_dlt-original-topic": origin.topic,
    "kafka_dlt-original-partition": String(origin.partition),
    "kafka_dlt-original-offset": origin.offset,
    "kafka_dlt-original-timestamp": origin.timestamp,
    "kafka_dlt-original-consumer-group": origin.consumerGroup,
    "kafka_dlt-exception-fqcn": failure.exceptionClass,
    "kafka_dlt-exception-message": failure.message,
    "kafka_dlt-exception-stacktrace": javaStackTrace(failure, listenerFrame),
  };
}
