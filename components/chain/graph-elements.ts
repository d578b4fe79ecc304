/**
 * Turns a chain into laid-out React Flow nodes and edges. Parents that events name as their
 * cause but that were never seen get a placeholder node, so a gap in the flow shows where it is
 * rather than as a second, unexplained root.
 */
import {
  MarkerType,
  Position,
  type Edge as FlowEdge,
  type Node,
  type NodeHandle,
} from "@xyflow/react";
import type { Edge } from "@/lib/chain/chain";
import { layoutChain } from "@/lib/chain/layout";
import type { EventSummary } from "@/lib/events/event";
import { criticalColour, statusStyles, type Status } from "@/components/ui/status";
import { eventStatus } from "./event-status";

export const NODE_SIZE = { width: 232, height: 84 };

/**
 * Every node is one size with its handles at the same spots, so React Flow is told both up
 * front: it then skips drawing and measuring all nodes once before it culls the off-screen ones.
 */
const fixedGeometry = {
  ...NODE_SIZE,
  measured: NODE_SIZE,
  handles: [
    { type: "target", position: Position.Top, x: NODE_SIZE.width / 2, y: 0 },
    { type: "source", position: Position.Bottom, x: NODE_SIZE.width / 2, y: NODE_SIZE.height },
  ] satisfies NodeHandle[],
};

/** Selection, hover and flags live in `GraphFocusContext`, so these never change with them. */
export type EventNodeData = { event: EventSummary; critical: boolean };
export type EventFlowNode = Node<EventNodeData, "event">;
export type MissingNodeData = { causationId: string };
export type MissingFlowNode = Node<MissingNodeData, "missing">;
export type ChainFlowNode = EventFlowNode | MissingFlowNode;

/** Node id → the causation id nobody in the chain carries as its event id. */
function missingParents(events: readonly EventSummary[]): Map<string, string> {
  const seen = new Set(events.map((event) => event.eventId));
  const missing = new Map<string, string>();
  for (const { causationId } of events) {
    // `/` cannot appear in a Kafka topic name, so this never collides with an event's id.
    if (causationId !== null && !seen.has(causationId)) {
      missing.set(`missing/${causationId}`, causationId);
    }
  }
  return missing;
}

export function buildChainFlow(
  events: readonly EventSummary[],
  edges: readonly Edge[],
  criticalPath: readonly string[] = [],
): { nodes: ChainFlowNode[]; edges: FlowEdge[] } {
  const critical = new Set(criticalPath);
  const missing = missingParents(events);
  const status = new Map<string, Status>(events.map((event) => [event.id, eventStatus(event)]));
  for (const id of missing.keys()) status.set(id, "missing");

  const links = [
    ...edges.filter(({ from, to }) => status.has(from) && status.has(to)),
    ...events.flatMap(({ id, causationId }) =>
      causationId !== null && missing.has(`missing/${causationId}`)
        ? [{ from: `missing/${causationId}`, to: id }]
        : [],
    ),
  ];
  const placeholders = [...missing.keys()].map((id) => ({ id }));
  const positions = layoutChain([...placeholders, ...events], links, { nodeSize: NODE_SIZE });
  const position = new Map(positions.map(({ id, x, y }) => [id, { x, y }]));
  const at = (id: string) => position.get(id) ?? { x: 0, y: 0 };

  // Nodes are not draggable, so without `nopan` a press on one starts panning the canvas and a
  // quick click ends up on the pane instead of selecting the node.
  const nodes: ChainFlowNode[] = [
    ...[...missing].map(([id, causationId]): MissingFlowNode => ({
      id,
      type: "missing",
      className: "nopan",
      ...fixedGeometry,
      position: at(id),
      data: { causationId },
    })),
    ...events.map((event): EventFlowNode => ({
      id: event.id,
      type: "event",
      className: "nopan",
      ...fixedGeometry,
      position: at(event.id),
      data: { event, critical: critical.has(event.id) },
    })),
  ];

  // A record delivered twice yields the same link twice; React Flow needs unique edge ids.
  const uniqueLinks = [...new Map(links.map((link) => [`${link.from}->${link.to}`, link]))];
  const flowEdges = uniqueLinks.map(([id, { from, to }]): FlowEdge => {
    const fromMissing = status.get(from) === "missing";
    const onPath = critical.has(from) && critical.has(to);
    const stroke = onPath
      ? criticalColour
      : statusStyles[fromMissing ? "missing" : (status.get(to) ?? "ok")].edge;
    return {
      id,
      source: from,
      target: to,
      style: {
        stroke,
        strokeWidth: onPath ? 3 : 1.5,
        strokeDasharray: fromMissing ? "4 4" : undefined,
      },
      markerEnd: { type: MarkerType.ArrowClosed, color: stroke },
    };
  });

  return { nodes, edges: flowEdges };
}
