import { inferShape, shapeId, type Shape } from "./shape";

type Classified = {
  topic: string;
  eventType: string | null;
  /** The registry subject the value was decoded with, if it was. */
  subject?: string | null;
  payload: unknown;
  isDeadLetter: boolean;
};

/**
 * The event type a record's contract is kept under: the envelope's type, else the registry
 * subject it was written with, else the topic, since a topic without typed envelopes usually
 * carries one kind of record.
 */
export function contractOf(record: Pick<Classified, "topic" | "eventType" | "subject">): string {
  return record.eventType ?? record.subject ?? record.topic;
}

type ContractShape = { id: string; shape: Shape };

/**
 * Shapes by contract and skeleton. A producer writes the same skeleton again and again, and
 * reading one is a third of the cost of inferring and hashing a shape, which was a tenth of the
 * collector's CPU per record. Emptied when full, so a stream of ever new skeletons costs memory
 * only up to this bound.
 */
const MAX_CACHED = 4096;
const MAX_SKELETON = 2048;
const cache = new Map<string, ContractShape>();

/** The shape of a record's JSON payload within its contract; dead letters have none. */
export function shapeOf(record: Classified): ContractShape | null {
  if (record.isDeadLetter || record.payload === null || typeof record.payload !== "object") {
    return null;
  }
  const contract = contractOf(record);
  const bones = skeleton(record.payload);
  const key = bones === null ? null : `${contract}\u0000${bones}`;
  const cached = key === null ? undefined : cache.get(key);
  if (cached) return cached;
  const shape = inferShape(record.payload);
  const found = { id: shapeId(contract, shape), shape };
  if (key !== null) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, found);
  }
  return found;
}

/**
 * A value's keys, nesting and value types in the order they are written, without its values;
 * null past `MAX_SKELETON` characters. Names are length-prefixed, so no name can pass for
 * structure: equal skeletons mean equal shapes. An array lists each element skeleton once, since
 * a repeated one adds no field, so a basket of three lines has the skeleton of one of two.
 */
export function skeleton(value: unknown): string | null {
  let budget = MAX_SKELETON;
  const visit = (node: unknown): string | null => {
    if (budget < 0) return null;
    let out: string;
    if (node === null) out = "z";
    else if (Array.isArray(node)) {
      const seen = new Set<string>();
      for (const item of node) {
        const bones = visit(item);
        if (bones === null) return null;
        seen.add(bones);
      }
      out = `[${[...seen].join("")}]`;
    } else {
      switch (typeof node) {
        case "string":
          out = "s";
          break;
        case "number":
        case "bigint":
          out = "n";
          break;
        case "boolean":
          out = "b";
          break;
        default:
          out = "{";
          for (const name in node as Record<string, unknown>) {
            if (!Object.hasOwn(node as object, name)) continue;
            const bones = visit((node as Record<string, unknown>)[name]);
            if (bones === null) return null;
            out += `${name.length}:${name}${bones}`;
          }
          out += "}";
      }
    }
    budget -= out.length;
    return budget < 0 ? null : out;
  };
  return visit(value);
}
