const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The bytes as text when they are valid UTF-8 without control garbage, else null. */
export function asText(bytes: Buffer): string | null {
  try {
    const text = strictUtf8.decode(bytes);
    // NUL and most C0 controls mean binary that happens to be valid UTF-8 (e.g. Avro, Protobuf).
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? null : text;
  } catch {
    return null;
  }
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
