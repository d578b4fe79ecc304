import type { IHeaders, KafkaMessage } from "kafkajs";

/** A consumed Kafka record with its headers read as text, which is all the shop ever sends. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  /** Milliseconds since the epoch, as a decimal string (kafkajs's form). */
  timestamp: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export function toConsumedRecord(
  topic: string,
  partition: number,
  message: KafkaMessage,
): ConsumedRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key?.toString("utf8") ?? null,
    value: message.value,
    headers: textHeaders(message.headers),
  };
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) text[name] = last.toString();
  }
  return text;
}
