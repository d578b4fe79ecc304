import type { EnvelopeInput, EnvelopeRead } from "./envelope-read";
import { stringOf } from "./envelope-read";
import { headerValue, type Concept } from "./fields";
import { type EnvelopeMapping, valueAtPath } from "./mapping";

/** Reads the fields a user mapping names; fields it does not name are left to other decoders. */
export function readMapped(mapping: EnvelopeMapping, input: EnvelopeInput): EnvelopeRead {
  const fields: EnvelopeRead["fields"] = {};
  for (const [concept, sources] of Object.entries(mapping.fields) as [
    Concept,
    NonNullable<EnvelopeMapping["fields"][Concept]>,
  ][]) {
    let value: string | null = null;
    for (const source of sources) {
      value =
        "header" in source
          ? headerValue(input.headers, [source.header])
          : input.parsed === undefined
            ? null
            : stringOf(valueAtPath(input.parsed, source.path));
      if (value !== null) break;
    }
    fields[concept] = value;
  }
  const payload =
    mapping.payload && input.parsed !== undefined
      ? (valueAtPath(input.parsed, mapping.payload) ?? null)
      : undefined;
  return { kind: "mapping", fields, payload };
}
