/**
 * Causation ids are written by the user's services, so they can loop (A caused B caused A).
 * Each cycle is cut at its earliest event, which becomes a root, so every event stays reachable.
 */

/**
 * `parentOf` maps a child's `Event.id` to its parent's, `orderedIds` lists records earliest
 * first. Returns the parents left once every cycle is cut, and each cycle's members from its new
 * root down the causation links. Every record has at most one parent, so walking parent pointers
 * finds every cycle while visiting each record once, without recursion.
 */
export function breakCycles(
  orderedIds: readonly string[],
  parentOf: ReadonlyMap<string, string>,
): { parentOf: Map<string, string>; cycles: string[][] } {
  const position = new Map(orderedIds.map((id, index) => [id, index]));
  const acyclic = new Map(parentOf);
  const cycles: string[][] = [];
  const state = new Map<string, "walking" | "done">();

  for (const start of orderedIds) {
    const path: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !state.has(current)) {
      state.set(current, "walking");
      path.push(current);
      current = acyclic.get(current);
    }
    // Records still "walking" belong to this path, so meeting one means the path closed a loop.
    if (current !== undefined && state.get(current) === "walking") {
      const upwards = path.slice(path.indexOf(current));
      const root = earliest(upwards, position);
      acyclic.delete(root);
      cycles.push(downFrom(root, upwards));
    }
    for (const id of path) state.set(id, "done");
  }
  return { parentOf: acyclic, cycles };
}

function earliest(ids: readonly string[], position: ReadonlyMap<string, number>): string {
  let best = ids[0] ?? "";
  for (const id of ids) {
    if ((position.get(id) ?? 0) < (position.get(best) ?? 0)) best = id;
  }
  return best;
}

/** `upwards` lists a cycle so that each member's parent is the next one, wrapping around. */
function downFrom(root: string, upwards: readonly string[]): string[] {
  const at = upwards.indexOf(root);
  const parentsOfRoot = [...upwards.slice(at + 1), ...upwards.slice(0, at)];
  return [root, ...parentsOfRoot.reverse()];
}
