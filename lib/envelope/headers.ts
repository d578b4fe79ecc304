import type { Header } from "../events/event";
import { asText } from "./bytes";
import { lowerCaseLookup } from "./lower-case-lookup";
import type { HeaderValue } from "./raw-record";

export type DecodedHeaders = {
  /** Every header as text (binary values as `base64:…`), duplicates kept, in delivery order. */
  list: Header[];
  /** The last value of each header as text, for decoders that look a header up by name. */
  text: Record<string, string>;
  /** The last raw value of each header, for decoders that read binary numbers. */
  bytes: Record<string, Buffer>;
  hasBinary: boolean;
};

/**
 * kafkajs gives a repeated header name once, with its values as an array in record order, at
 * the place of its first occurrence: how the values of different names interleaved is lost
 * there, the values of each name and their order are not.
 */
export function decodeHeaders(headers: Record<string, HeaderValue>): DecodedHeaders {
  const decoded: DecodedHeaders = {
    list: [],
    text: {},
    bytes: {},
    hasBinary: false,
  };
  // Walked in place: an entries array and a one-value array per header were a fifth of what
  // decoding a record allocated.
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name];
    if (Array.isArray(value)) for (const one of value) addHeader(decoded, name, one);
    else addHeader(decoded, name, value);
  }
  return decoded;
}

function addHeader(decoded: DecodedHeaders, name: string, one: Buffer | string | undefined): void {
  // A header may have a null value (Java's producer allows it): kept, as empty.
  const buffer =
    one == null ? Buffer.alloc(0) : typeof one === "string" ? Buffer.from(one, "utf8") : one;
  const asString = asText(buffer);
  if (asString === null) decoded.hasBinary = true;
  const shown = asString ?? `base64:${buffer.toString("base64")}`;
  decoded.list.push({ key: name, value: shown });
  // The last value is the one frameworks read.
  decoded.bytes[name] = buffer;
  decoded.text[name] = shown;
}

/**
 * A number carried in a header: decimal text, or a big-endian int32/int64 as Spring Kafka
 * writes `kafka_dlt-original-partition` and `-offset`.
 */
export function headerNumber(buffer: Buffer | undefined): string | null {
  if (!buffer || buffer.length === 0) return null;
  const text = asText(buffer);
  if (text !== null && /^-?\d+$/.test(text.trim())) return text.trim();
  if (buffer.length === 4) return String(buffer.readInt32BE(0));
  if (buffer.length === 8) return buffer.readBigInt64BE(0).toString();
  return null;
}

/** The raw bytes of a header, matching its name case-insensitively. */
export function headerBytesOf(bytes: Record<string, Buffer>, name: string): Buffer | undefined {
  return headerBytesByName(bytes, name.toLowerCase());
}

const headerBytesByName = lowerCaseLookup<Buffer>();

/**
 * A small count carried in a header: decimal text, or a big-endian integer of 1 to 4 bytes —
 * Spring Kafka writes `retry_topic-attempts` as a 4-byte int, older versions as a BigInteger's
 * minimal bytes.
 */
export function headerCount(buffer: Buffer | undefined): number | null {
  if (!buffer || buffer.length === 0) return null;
  const text = asText(buffer);
  if (text !== null && /^\d+$/.test(text.trim())) return Number(text.trim());
  if (buffer.length <= 4) return buffer.readIntBE(0, buffer.length);
  return null;
}
