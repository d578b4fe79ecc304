import { asText } from "./bytes";
import { lowerCaseLookup } from "./lower-case-lookup";
import type { HeaderValue } from "./raw-record";

export type DecodedHeaders = {
  /** Header values as text; binary values as `base64:…`. */
  text: Record<string, string>;
  /** The last raw value of each header, for decoders that read binary numbers. */
  bytes: Record<string, Buffer>;
  hasBinary: boolean;
};

export function decodeHeaders(headers: Record<string, HeaderValue>): DecodedHeaders {
  const text: Record<string, string> = {};
  const bytes: Record<string, Buffer> = {};
  let hasBinary = false;
  for (const [name, value] of Object.entries(headers)) {
    // Kafka allows repeated header names; the last one is the one frameworks read.
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last === undefined) continue;
    const buffer = typeof last === "string" ? Buffer.from(last, "utf8") : last;
    bytes[name] = buffer;
    const asString = asText(buffer);
    if (asString === null) hasBinary = true;
    text[name] = asString ?? `base64:${buffer.toString("base64")}`;
  }
  return { text, bytes, hasBinary };
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
