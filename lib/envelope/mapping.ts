import { z } from "zod";
import type { Concept } from "./fields";

/**
 * A user-supplied envelope mapping (`CAUSEWAY_MAPPING_FILE`): for topics matching a glob, where
 * each concept is found, as header names and/or JSON paths into the value, tried in order.
 */
const JsonPath = z
  .string()
  .refine((path) => parseJsonPath(path) !== null, "not a JSON path like $.meta.ids[0]");
const Source = z
  .object({ header: z.string().min(1).optional(), path: JsonPath.optional() })
  .strict()
  .refine(
    (source) => (source.header === undefined) !== (source.path === undefined),
    'give either {"header": "<name>"} or {"path": "<JSON path>"}',
  );
const Sources = z.union([Source, z.array(Source).min(1)], {
  error: 'expected {"header": …}, {"path": …} or a list of them',
});
const Globs = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
  error: "expected a topic glob or a list of them",
});

const MappingEntry = z
  .object({
    topic: Globs,
    eventId: Sources.optional(),
    eventType: Sources.optional(),
    correlationId: Sources.optional(),
    causationId: Sources.optional(),
    occurredAt: Sources.optional(),
    schemaVersion: Sources.optional(),
    service: Sources.optional(),
    payload: z.object({ path: JsonPath }).strict().optional(),
  })
  .strict();

export const MappingFile = z.object({ mappings: z.array(MappingEntry).min(1) }).strict();

type PathSegment = string | number;
type CompiledSource = { header: string } | { path: PathSegment[] };

/** A mapping file that does not follow the format; the message names each place. */
export class MappingError extends Error {}

export type EnvelopeMapping = {
  topics: RegExp;
  fields: Partial<Record<Concept, CompiledSource[]>>;
  payload: PathSegment[] | null;
};

const concepts: Concept[] = [
  "eventId",
  "eventType",
  "correlationId",
  "causationId",
  "occurredAt",
  "schemaVersion",
  "service",
];

/** Validated mapping file contents → matchers; throws a `MappingError` naming what is wrong. */
export function compileMappings(json: unknown): EnvelopeMapping[] {
  const parsed = MappingFile.safeParse(json);
  if (!parsed.success) {
    throw new MappingError(
      parsed.error.issues
        .map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`)
        .join("; "),
    );
  }
  return parsed.data.mappings.map((entry) => {
    const fields: EnvelopeMapping["fields"] = {};
    for (const concept of concepts) {
      const sources = entry[concept];
      if (!sources) continue;
      fields[concept] = (Array.isArray(sources) ? sources : [sources]).map((source) =>
        source.header !== undefined
          ? { header: source.header.toLowerCase() }
          : { path: parseJsonPath(source.path ?? "$") ?? [] },
      );
    }
    const globs = Array.isArray(entry.topic) ? entry.topic : [entry.topic];
    return {
      topics: new RegExp(`^(?:${globs.map(globToRegex).join("|")})$`),
      fields,
      payload: entry.payload ? parseJsonPath(entry.payload.path) : null,
    };
  });
}

export function mappingFor(
  mappings: readonly EnvelopeMapping[],
  topic: string,
): EnvelopeMapping | null {
  return mappings.find((mapping) => mapping.topics.test(topic)) ?? null;
}

/** `*` matches any run of characters, `?` exactly one; everything else is literal. */
function globToRegex(glob: string): string {
  return [...glob]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
}

/** `$.a.b[0]`, `a.b[0]` or `$` → path segments; null when it is not such a path. */
export function parseJsonPath(path: string): PathSegment[] | null {
  const rest = path.startsWith("$") ? path.slice(1) : `.${path}`;
  const segments: PathSegment[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]/y;
  let index = 0;
  while (index < rest.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(rest);
    if (!match) return null;
    segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? ""));
    index = pattern.lastIndex;
  }
  return segments;
}

export function valueAtPath(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (typeof current !== "object" || current === null || Array.isArray(current)) {
        return undefined;
      }
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}
