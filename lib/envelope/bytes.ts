const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

// NUL and most C0 controls mean binary that happens to be valid UTF-8 (e.g. Avro, Protobuf).
// UTF-8 never encodes other characters with bytes below 0x80, so testing the decoded text is the
// same as testing the bytes, and a native scan is several times faster than a loop over them.
// eslint-disable-next-line no-control-regex
const BINARY_CONTROL = /[\x00-\x08\x0e-\x1f]/;

/** The bytes as text when they are valid UTF-8 without control garbage, else null. */
export function asText(bytes: Buffer): string | null {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return null;
  }
  return BINARY_CONTROL.test(text) ? null : text;
}

/** Keeps at most `maxBytes` of UTF-8 text without splitting a character. */
export function capText(text: string, maxBytes: number): { text: string; truncated: boolean } {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return { text, truncated: false };
  const cut = Buffer.from(text, "utf8").subarray(0, maxBytes).toString("utf8");
  return { text: cut.endsWith("\uFFFD") ? cut.slice(0, -1) : cut, truncated: true };
}

export function capBase64(bytes: Buffer, maxBytes: number): { text: string; truncated: boolean } {
  const rawBudget = Math.floor((maxBytes * 3) / 4);
  return {
    text: `base64:${bytes.subarray(0, rawBudget).toString("base64")}`,
    truncated: bytes.length > rawBudget,
  };
}

/**
 * Confluent Schema Registry's wire format: magic byte 0, a 4-byte big-endian schema id, then the
 * Avro, Protobuf or JSON Schema serialised value.
 */
export function confluentWireFormat(bytes: Buffer): { schemaId: number; body: Buffer } | null {
  if (bytes.length < 5 || bytes[0] !== 0) return null;
  return { schemaId: bytes.readInt32BE(1), body: bytes.subarray(5) };
}
