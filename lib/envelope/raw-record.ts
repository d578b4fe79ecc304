/** A Kafka record as the collector receives it, before any decoding. */
import type { WireDecode } from "../registry/outcome";

export type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

export type RawRecord = {
  topic: string;
  partition: number;
  offset: string;
  /** Kafka record timestamp, milliseconds since the epoch as a decimal string. */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, HeaderValue>;
  /** The value and key read through the schema registry, when they are in its wire format. */
  registry?: { value: WireDecode | null; key: WireDecode | null };
};
