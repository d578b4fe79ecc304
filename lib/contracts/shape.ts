import { createHash } from "node:crypto";

/** A JSON type as a person reads it in a contract; integers are numbers in JSON. */
export type FieldType = "string" | "number" | "boolean" | "null" | "object" | "array";

/** One field path of a payload and its JSON type: `items[].sku` is a field of each element. */
export type ShapeField = { path: string; type: FieldType };

/** The set of field paths a payload has, sorted by path then type. */
export type Shape = readonly ShapeField[];

/**
 * Past these a payload is a document, not a message: its first fields still say what changed,
 * and a shape stays small enough to store and compare for every sampled record.
 */
const MAX_FIELDS = 200;
const MAX_DEPTH = 12;

function typeOf(value: unknown): FieldType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
    case "bigint":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return "object";
  }
}

/**
 * The field paths of a JSON value with their types. Array elements share one path (`[]`), so a
 * list of ten items has the shape of one; an element type that varies shows as both types.
 */
export function inferShape(payload: unknown): Shape {
  const seen = new Map<string, ShapeField>();
  const visit = (value: unknown, path: string, depth: number) => {
    if (seen.size >= MAX_FIELDS) return;
    const type = typeOf(value);
    if (path !== "") seen.set(`${path}\u0000${type}`, { path, type });
    if (depth >= MAX_DEPTH) return;
    if (type === "array") {
      for (const item of value as unknown[]) visit(item, `${path}[]`, depth + 1);
    } else if (type === "object") {
      for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
        visit(child, path === "" ? name : `${path}.${name}`, depth + 1);
      }
    }
  };
  visit(payload, "", 0);
  return [...seen.values()].sort((a, b) => compare(a.path, b.path) || compare(a.type, b.type));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A stable id for a contract's shape: the same fields always give the same id. */
export function shapeId(contract: string, shape: Shape): string {
  let text = `${contract}\u0001`;
  for (const field of shape) text += `${field.path}\u0000${field.type}\u0001`;
  return createHash("sha256").update(text).digest("hex").slice(0, 20);
}
