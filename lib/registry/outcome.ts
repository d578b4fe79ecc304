import type { ReadFlag, SchemaRef } from "../events/event";

/** What reading one wire-format value (or key) through the registry gave. */
export type WireDecode =
  | { ok: true; value: unknown; schema: SchemaRef }
  | {
      ok: false;
      flag: Extract<ReadFlag, "schema-unavailable" | "schema-unknown" | "schema-mismatch">;
    };

/** Flags of records that a later read may decode: the registry was away or lacked the id. */
export const RETRYABLE_FLAGS = ["schema-unavailable", "schema-unknown"] as const;

/** The registry's answer to a failed schema fetch, as a flag. */
export function flagOfFetchError(error: unknown): "schema-unavailable" | "schema-unknown" {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 404 ? "schema-unknown" : "schema-unavailable";
}

export function schemaFormat(type: string | undefined): SchemaRef["format"] {
  if (type === "PROTOBUF") return "protobuf";
  if (type === "JSON") return "json";
  return "avro";
}
