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
 * A skeleton as a tree, to check a payload against without writing the payload's skeleton out:
 * a leaf's type letter, an object's names and members in order, an array's distinct element
 * skeletons in the order they first appear.
 */
type Bones = "z" | "s" | "n" | "b" | { names: string[]; members: Bones[] } | { items: Bones[] };

/**
 * Shapes by contract and skeleton. A producer writes the same skeleton again and again, and
 * reading one is a third of the cost of inferring and hashing a shape, which was a tenth of the
 * collector's CPU per record. Emptied when full, so a stream of ever new skeletons costs memory
 * only up to this bound.
 */
const MAX_CACHED = 4096;
const MAX_SKELETON = 2048;
const cache = new Map<string, ContractShape>();

/**
 * The last few skeletons of each contract as trees. Checking a payload against them allocates
 * nothing, where writing its skeleton and key allocated a quarter of what decoding a record does.
 */
const MAX_FITTED = 4;
const fitted = new Map<string, { bones: Bones; found: ContractShape }[]>();

/** The shape of a record's JSON payload within its contract; dead letters have none. */
export function shapeOf(record: Classified): ContractShape | null {
  if (record.isDeadLetter || record.payload === null || typeof record.payload !== "object") {
    return null;
  }
  const contract = contractOf(record);
  const recent = fitted.get(contract);
  if (recent) {
    for (const known of recent) if (fits(record.payload, known.bones)) return known.found;
  }
  const read = readSkeleton(record.payload);
  const key = read === null ? null : `${contract}\u0000${read.text}`;
  let found = key === null ? undefined : cache.get(key);
  if (!found) {
    const shape = inferShape(record.payload);
    found = { id: shapeId(contract, shape), shape };
    if (key !== null) {
      if (cache.size >= MAX_CACHED) {
        cache.clear();
        fitted.clear();
      }
      cache.set(key, found);
    }
  }
  if (read !== null) remember(contract, { bones: read.bones, found });
  return found;
}

function remember(contract: string, known: { bones: Bones; found: ContractShape }): void {
  const recent = fitted.get(contract) ?? [];
  recent.unshift(known);
  if (recent.length > MAX_FITTED) recent.pop();
  fitted.set(contract, recent);
}

/**
 * A value's keys, nesting and value types in the order they are written, without its values;
 * null past `MAX_SKELETON` characters. Names are length-prefixed, so no name can pass for
 * structure: equal skeletons mean equal shapes. An array lists each element skeleton once, since
 * a repeated one adds no field, so a basket of three lines has the skeleton of one of two.
 */
export function skeleton(value: unknown): string | null {
  return readSkeleton(value)?.text ?? null;
}

function readSkeleton(value: unknown): { text: string; bones: Bones } | null {
  let budget = MAX_SKELETON;
  const visit = (node: unknown): { text: string; bones: Bones } | null => {
    if (budget < 0) return null;
    let read: { text: string; bones: Bones };
    if (node === null) read = { text: "z", bones: "z" };
    else if (Array.isArray(node)) {
      const seen = new Map<string, Bones>();
      for (const item of node) {
        const element = visit(item);
        if (element === null) return null;
        if (!seen.has(element.text)) seen.set(element.text, element.bones);
      }
      read = { text: `[${[...seen.keys()].join("")}]`, bones: { items: [...seen.values()] } };
    } else {
      switch (typeof node) {
        case "string":
          read = { text: "s", bones: "s" };
          break;
        case "number":
        case "bigint":
          read = { text: "n", bones: "n" };
          break;
        case "boolean":
          read = { text: "b", bones: "b" };
          break;
        default: {
          let text = "{";
          const names: string[] = [];
          const members: Bones[] = [];
          for (const name in node as Record<string, unknown>) {
            if (!Object.hasOwn(node as object, name)) continue;
            const member = visit((node as Record<string, unknown>)[name]);
            if (member === null) return null;
            text += `${name.length}:${name}${member.text}`;
            names.push(name);
            members.push(member.bones);
          }
          read = { text: `${text}}`, bones: { names, members } };
        }
      }
    }
    budget -= read.text.length;
    return budget < 0 ? null : read;
  };
  return visit(value);
}

/**
 * Whether `node`'s skeleton is the one `bones` was read from. The same as comparing skeletons,
 * except that no budget applies: a payload that fits a skeleton within the budget has its shape.
 */
function fits(node: unknown, bones: Bones): boolean {
  switch (bones) {
    case "z":
      return node === null;
    case "s":
      return typeof node === "string";
    case "n":
      return typeof node === "number" || typeof node === "bigint";
    case "b":
      return typeof node === "boolean";
  }
  if (typeof node !== "object" || node === null) return false;
  if ("items" in bones) {
    if (!Array.isArray(node)) return false;
    // Element skeletons are distinct, so an element fits one at most; each must first appear in
    // the order the skeleton lists them.
    let seen = 0;
    for (const item of node) {
      let at = 0;
      while (at <= seen && at < bones.items.length && !fits(item, bones.items[at] as Bones))
        at += 1;
      if (at > seen || at === bones.items.length) return false;
      if (at === seen) seen += 1;
    }
    return seen === bones.items.length;
  }
  if (Array.isArray(node)) return false;
  let at = 0;
  for (const name in node as Record<string, unknown>) {
    if (!Object.hasOwn(node, name)) continue;
    if (name !== bones.names[at]) return false;
    if (!fits((node as Record<string, unknown>)[name], bones.members[at] as Bones)) return false;
    at += 1;
  }
  return at === bones.names.length;
}
