import type { FieldType, Shape, ShapeField } from "./shape";

export type TypeChange = { path: string; from: FieldType[]; to: FieldType[] };

/** What changed from one shape of a contract to the next. */
export type ShapeDiff = {
  removed: ShapeField[];
  added: ShapeField[];
  changed: TypeChange[];
};

function typesByPath(shape: Shape): Map<string, FieldType[]> {
  const byPath = new Map<string, FieldType[]>();
  for (const { path, type } of shape) byPath.set(path, [...(byPath.get(path) ?? []), type]);
  return byPath;
}

/**
 * A null where another type was (or the reverse) is an optional field being empty, not a new
 * type: it neither changes a field's type nor makes one appear or disappear.
 */
const concrete = (types: readonly FieldType[]) => types.filter((type) => type !== "null");

export function diffShapes(before: Shape, after: Shape): ShapeDiff {
  const old = typesByPath(before);
  const next = typesByPath(after);
  const removed: ShapeField[] = [];
  const added: ShapeField[] = [];
  const changed: TypeChange[] = [];
  for (const [path, types] of old) {
    const now = next.get(path);
    if (now === undefined) {
      for (const type of types) removed.push({ path, type });
      continue;
    }
    const from = concrete(types);
    const to = concrete(now);
    if (from.length > 0 && to.length > 0 && from.join() !== to.join()) {
      changed.push({ path, from, to });
    }
  }
  for (const [path, types] of next) {
    if (!old.has(path)) for (const type of types) added.push({ path, type });
  }
  // A removed object lists each of its fields too; naming the object says it all.
  const outermost = (fields: ShapeField[]) =>
    fields.filter(
      ({ path }) => !fields.some((other) => other.path !== path && isInside(path, other.path)),
    );
  return { removed: outermost(removed), added: outermost(added), changed };
}

const isInside = (path: string, parent: string) =>
  path.startsWith(`${parent}.`) || path.startsWith(`${parent}[]`);

/** A consumer reading a removed field or a field whose type changed breaks; new fields do not. */
export function isBreaking(diff: ShapeDiff): boolean {
  return diff.removed.length > 0 || diff.changed.length > 0;
}

export function isEmptyDiff(diff: ShapeDiff): boolean {
  return diff.removed.length + diff.added.length + diff.changed.length === 0;
}

const field = ({ path, type }: ShapeField) => `\`${path}\` (${type})`;

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function whenText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/**
 * One sentence an on-call engineer can act on: "OrderPlaced: field `total` (number)
 * disappeared and `total_cents` (number) appeared on 2026-12-04 14:02 UTC, in 38% of records
 * since; consumers of `orders`: payment-service, inventory-service."
 */
export function describeDrift(input: {
  contract: string;
  diff: ShapeDiff;
  at: string;
  shareSince: number | null;
  consumers: ReadonlyMap<string, readonly string[]>;
}): string {
  const { diff } = input;
  const parts: string[] = [];
  if (diff.removed.length > 0) {
    const noun = diff.removed.length === 1 ? "field" : "fields";
    parts.push(`${noun} ${list(diff.removed.map(field))} disappeared`);
  }
  for (const change of diff.changed) {
    parts.push(
      `\`${change.path}\` changed from ${change.from.join("|")} to ${change.to.join("|")}`,
    );
  }
  if (diff.added.length > 0) {
    const noun = parts.length === 0 ? (diff.added.length === 1 ? "field " : "fields ") : "";
    parts.push(`${noun}${list(diff.added.map(field))} appeared`);
  }
  let sentence = `${input.contract}: ${list(parts)} on ${whenText(input.at)} UTC`;
  if (input.shareSince !== null) {
    sentence += `, in ${Math.round(input.shareSince * 100)}% of records since`;
  }
  const consumers = [...input.consumers].map(
    ([topic, groups]) =>
      `consumers of \`${topic}\`: ${groups.length === 0 ? "none known" : groups.join(", ")}`,
  );
  if (consumers.length > 0) sentence += `; ${consumers.join("; ")}`;
  return `${sentence}.`;
}
