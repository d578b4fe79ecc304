import type { Client, estypes } from "@elastic/elasticsearch";
import { z } from "zod";
import type { Shape } from "../contracts/shape";
import { createIndexWhenMissing } from "./create-index";

/**
 * The payload shapes each contract has been seen with, one document per contract × shape, written
 * by the collector when it first meets the shape. Records only carry the shape's id.
 */
export function shapesIndex(prefix: string): string {
  return `${prefix}-shapes`;
}

export const StoredShape = z.object({
  contract: z.string(),
  shapeId: z.string(),
  fields: z.array(
    z.object({
      path: z.string(),
      type: z.enum(["string", "number", "boolean", "null", "object", "array"]),
    }),
  ),
  /** The Kafka timestamp of the first record the collector saw with this shape (ISO). */
  firstSeen: z.string(),
  topic: z.string(),
});
export type StoredShape = z.infer<typeof StoredShape> & { fields: Shape };

const keyword: estypes.MappingProperty = { type: "keyword", ignore_above: 1024 };

export async function ensureShapesIndex(es: Client, prefix: string): Promise<void> {
  await createIndexWhenMissing(es, {
    index: shapesIndex(prefix),
    settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: "1s" },
    mappings: {
      dynamic: "strict",
      properties: {
        contract: keyword,
        shapeId: keyword,
        // Read back whole and compared in TypeScript; never searched.
        fields: { type: "object", enabled: false },
        firstSeen: { type: "date" },
        topic: keyword,
      },
    },
  });
}

/**
 * Stores shapes not stored yet and returns those this call created. Creation is the claim: of
 * several collectors meeting a new shape, exactly one learns it is new, so a drift is reported
 * once.
 */
export async function storeNewShapes(
  es: Client,
  prefix: string,
  shapes: readonly StoredShape[],
): Promise<StoredShape[]> {
  if (shapes.length === 0) return [];
  const response = await es.bulk({
    index: shapesIndex(prefix),
    refresh: "wait_for",
    operations: shapes.flatMap((shape) => [{ create: { _id: shape.shapeId } }, shape]),
  });
  const created: StoredShape[] = [];
  response.items.forEach((item, i) => {
    const result = item.create;
    const shape = shapes[i];
    if (!result || !shape) return;
    if (result.status === 201) created.push(shape);
    else if (result.status !== 409) {
      throw new Error(`storing shape ${shape.shapeId} failed: ${JSON.stringify(result.error)}`);
    }
  });
  return created;
}

/** The contract's newest other stored shape: what a new shape drifted from. */
export async function earlierShape(
  es: Client,
  prefix: string,
  shape: StoredShape,
): Promise<StoredShape | null> {
  const response = await es.search({
    index: shapesIndex(prefix),
    size: 1,
    query: {
      bool: {
        filter: [{ term: { contract: shape.contract } }],
        must_not: [{ term: { shapeId: shape.shapeId } }],
      },
    },
    sort: [{ firstSeen: "desc" }],
  });
  const hit = response.hits.hits[0];
  return hit ? StoredShape.parse(hit._source) : null;
}

/** The stored shapes with these ids; ids without a stored shape are left out. */
export async function shapesById(
  es: Client,
  prefix: string,
  ids: readonly string[],
): Promise<Map<string, StoredShape>> {
  if (ids.length === 0) return new Map();
  const response = await es.mget({ index: shapesIndex(prefix), ids: [...ids] });
  const found = new Map<string, StoredShape>();
  for (const doc of response.docs) {
    if ("found" in doc && doc.found) {
      const shape = StoredShape.parse(doc._source);
      found.set(shape.shapeId, shape);
    }
  }
  return found;
}
