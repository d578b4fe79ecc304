/**
 * Makes a decoded Avro/Protobuf value storable as JSON: 64-bit integers that arrive as bigint
 * become decimal strings (a JSON number would lose digits), bytes become `base64:…` strings like
 * the binary values we already store, and Protobuf messages use their own JSON form.
 */
export function jsonSafe(value: unknown, depth = 0): unknown {
  if (depth > 100) return null;
  if (typeof value === "bigint") return value.toString();
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return null;
  if (value === null || typeof value !== "object") return value;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return `base64:${Buffer.from(value).toString("base64")}`;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => jsonSafe(item, depth + 1));
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([k, v]) => [String(k), jsonSafe(v, depth + 1)]));
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return jsonSafe(withJson.toJSON(), depth + 1);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = jsonSafe(item, depth + 1);
  return out;
}
