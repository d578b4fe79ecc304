/**
 * Positions a causation graph for drawing: layered by depth, parents centred above their
 * children, each subtree in its own column band so edges never cross. Every record has at most
 * one causation parent, so the graph is a forest and a linear tree layout suffices; dagre's
 * general layered layout took 8 s for 2,000 events. Many childless siblings (a fan-out of a
 * batch) wrap into a grid under their parent, so wide chains still fit a screen.
 * Pure and free of React.
 */
import type { Edge } from "./chain";

export type NodeSize = { width: number; height: number };

/** A node's top-left corner, the origin React Flow positions nodes by. */
export type PositionedNode = { id: string; x: number; y: number };

export type LayoutOptions = {
  nodeSize: NodeSize;
  /** Horizontal gap between siblings. */
  nodeGap?: number;
  /** Vertical gap between a parent and its children. */
  rankGap?: number;
  /** Childless siblings beyond this many wrap into rows of this length. */
  gridColumns?: number;
};

type Block = { width: number };

export function layoutChain(
  nodes: readonly { id: string }[],
  edges: readonly Edge[],
  { nodeSize, nodeGap = 32, rankGap = 56, gridColumns = 8 }: LayoutOptions,
): PositionedNode[] {
  const ids = new Set(nodes.map(({ id }) => id));
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const { from, to } of edges) {
    // Unknown endpoints, self-links and second parents cannot be drawn as a tree.
    if (!ids.has(from) || !ids.has(to) || from === to || hasParent.has(to)) continue;
    hasParent.add(to);
    // Appended in place: copying the list per child was quadratic in a wide fan-out.
    const kids = children.get(from);
    if (kids) kids.push(to);
    else children.set(from, [to]);
  }

  // A cycle has no root; its earliest node is made one so every node is placed exactly once.
  const placed = new Set<string>();
  const roots: string[] = [];
  const reach = (root: string) => {
    const stack = [root];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (placed.has(id)) continue;
      placed.add(id);
      stack.push(...(children.get(id) ?? []));
    }
  };
  for (const { id } of nodes) {
    if (!hasParent.has(id)) {
      roots.push(id);
      reach(id);
    }
  }
  for (const { id } of nodes) {
    if (!placed.has(id)) {
      roots.push(id);
      reach(id);
    }
  }
  // Only tree edges from here on: a cycle's closing link is dropped.
  const tree = new Map<string, string[]>();
  const visited = new Set<string>();
  for (const root of roots) {
    const stack = [root];
    visited.add(root);
    while (stack.length > 0) {
      const id = stack.pop() as string;
      const kids = (children.get(id) ?? []).filter((kid) => !visited.has(kid));
      for (const kid of kids) visited.add(kid);
      tree.set(id, kids);
      stack.push(...kids);
    }
  }

  const slot = nodeSize.width + nodeGap;
  const row = nodeSize.height + rankGap;
  const isLeaf = (id: string) => (tree.get(id) ?? []).length === 0;
  const gridOf = (id: string) => {
    const leaves = (tree.get(id) ?? []).filter(isLeaf);
    return leaves.length > gridColumns ? leaves : [];
  };

  // Subtree widths bottom-up, in reverse of a depth-first order so children come first.
  const order: string[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    order.push(id);
    stack.push(...[...(tree.get(id) ?? [])].reverse());
  }
  const blocks = new Map<string, Block>();
  for (const id of [...order].reverse()) {
    const grid = new Set(gridOf(id));
    const spread = (tree.get(id) ?? []).filter((kid) => !grid.has(kid));
    const gridWidth = grid.size > 0 ? Math.min(grid.size, gridColumns) * slot : 0;
    const childrenWidth =
      spread.reduce((sum, kid) => sum + (blocks.get(kid)?.width ?? slot), 0) + gridWidth;
    blocks.set(id, { width: Math.max(slot, childrenWidth) });
  }

  // Positions top-down: each child's band starts where its previous sibling's ended.
  const position = new Map<string, { x: number; y: number }>();
  const queue: [id: string, left: number, y: number][] = [];
  const place = (id: string, left: number, depthY: number) => {
    const width = blocks.get(id)?.width ?? slot;
    position.set(id, { x: left + (width - slot) / 2, y: depthY });
    const grid = gridOf(id);
    const gridSet = new Set(grid);
    const spread = (tree.get(id) ?? []).filter((kid) => !gridSet.has(kid));
    const used =
      spread.reduce((sum, kid) => sum + (blocks.get(kid)?.width ?? slot), 0) +
      (grid.length > 0 ? Math.min(grid.length, gridColumns) * slot : 0);
    let x = left + (width - used) / 2;
    for (const kid of spread) {
      queue.push([kid, x, depthY + row]);
      x += blocks.get(kid)?.width ?? slot;
    }
    grid.forEach((kid, index) => {
      const column = index % gridColumns;
      const line = Math.floor(index / gridColumns);
      position.set(kid, {
        x: x + column * slot,
        y: depthY + row + line * (nodeSize.height + nodeGap),
      });
    });
  };
  let left = 0;
  for (const root of roots) {
    queue.push([root, left, 0]);
    left += blocks.get(root)?.width ?? slot;
  }
  while (queue.length > 0) {
    const [id, x, y] = queue.pop() as [string, number, number];
    place(id, x, y);
  }

  return nodes.map(({ id }) => {
    const { x, y } = position.get(id) ?? { x: 0, y: 0 };
    return { id, x: x + nodeGap / 2, y };
  });
}
