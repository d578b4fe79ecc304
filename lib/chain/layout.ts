/**
 * Positions a causation graph for drawing: parents above children, siblings side by side.
 * Pure and free of React so it can move to a worker when chains grow large.
 */
import { graphlib, layout } from "@dagrejs/dagre";
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
};

export function layoutChain(
  nodes: readonly { id: string }[],
  edges: readonly Edge[],
  { nodeSize, nodeGap = 32, rankGap = 56 }: LayoutOptions,
): PositionedNode[] {
  const graph = new graphlib.Graph();
  graph.setGraph({ rankdir: "TB", nodesep: nodeGap, ranksep: rankGap });
  graph.setDefaultEdgeLabel(() => ({}));

  const ids = new Set<string>();
  for (const node of nodes) {
    ids.add(node.id);
    graph.setNode(node.id, { width: nodeSize.width, height: nodeSize.height });
  }
  // dagre would invent a zero-sized node for an unknown endpoint and place it at NaN.
  for (const edge of edges) {
    if (ids.has(edge.from) && ids.has(edge.to) && edge.from !== edge.to) {
      graph.setEdge(edge.from, edge.to);
    }
  }

  layout(graph);

  return nodes.map(({ id }) => {
    const { x = 0, y = 0 } = graph.node(id);
    return { id, x: x - nodeSize.width / 2, y: y - nodeSize.height / 2 };
  });
}
