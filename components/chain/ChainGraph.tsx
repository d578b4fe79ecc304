"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  type NodeMouseHandler,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { statusStyles } from "@/components/ui/status";
import { ChainMinimap } from "./ChainMinimap";
import { EventNode } from "./EventNode";
import { GraphFocusContext } from "./graph-focus";
import { MissingParentNode } from "./MissingParentNode";
import type { ChainSelectionProps } from "./selection";
import { buildChainFlow, NODE_SIZE, type ChainFlowNode } from "./graph-elements";

// At module level so React Flow never sees a new object and remounts every node.
const nodeTypes = { event: EventNode, missing: MissingParentNode };

/**
 * Past this many nodes the graph opens on its top rows instead of fitting everything (which
 * would be unreadable and draw every node), renders only what is on screen, and leans on the
 * minimap for the whole shape.
 */
export const LARGE_GRAPH = 150;
const OPENING_ZOOM = 0.6;
/** Room above the root when the view opens on it: about half the canvas, less a margin. */
const OPENING_HALF_HEIGHT = 240;

type ChainGraphProps = ChainSelectionProps & {
  criticalPath: readonly string[];
  flaggedIds: ReadonlySet<string>;
};

export function ChainGraph({
  events,
  edges,
  criticalPath,
  selectedId,
  hoveredId,
  flaggedIds,
  onSelect,
  onHover,
}: ChainGraphProps) {
  // Layout depends on the data alone; polls that change nothing keep the same arrays.
  const flow = useMemo(
    () => buildChainFlow(events, edges, criticalPath),
    [events, edges, criticalPath],
  );
  const large = flow.nodes.length > LARGE_GRAPH;
  // The first root, where a reader starts; the minimap shows the rest of the shape.
  const opening = useMemo(() => {
    const root = flow.nodes.find((node) => node.position.y === 0) ?? flow.nodes[0];
    return root ? { x: root.position.x + NODE_SIZE.width / 2, y: root.position.y } : null;
  }, [flow.nodes]);

  const focus = useMemo(
    () => ({ selectedId, hoveredId, flaggedIds }),
    [selectedId, hoveredId, flaggedIds],
  );
  const minimapNodes = useMemo(
    () =>
      large ? flow.nodes.map((node) => ({ ...node.position, colour: minimapColour(node) })) : [],
    [flow.nodes, large],
  );

  const handleClick = useCallback<NodeMouseHandler<ChainFlowNode>>(
    (_, node) => {
      if (node.type === "event") onSelect(node.id);
    },
    [onSelect],
  );
  const handleEnter = useCallback<NodeMouseHandler<ChainFlowNode>>(
    (_, node) => onHover(node.id),
    [onHover],
  );
  const handleLeave = useCallback<NodeMouseHandler<ChainFlowNode>>(() => onHover(null), [onHover]);

  return (
    <GraphFocusContext value={focus}>
      <div
        className="h-[560px] w-full"
        aria-label="Causation graph"
        data-testid="causation-graph"
        data-node-count={flow.nodes.length}
      >
        <ReactFlow
          nodes={flow.nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          onNodeClick={handleClick}
          onNodeMouseEnter={handleEnter}
          onNodeMouseLeave={handleLeave}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          onlyRenderVisibleElements={large}
          fitView={!large}
          fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
          onInit={(instance) => {
            // Culled nodes are never measured, so React Flow's own fitView would wait forever.
            if (large && opening) {
              void instance.setCenter(opening.x, opening.y + OPENING_HALF_HEIGHT / OPENING_ZOOM, {
                zoom: OPENING_ZOOM,
              });
            }
          }}
          minZoom={0.02}
        >
          <Background gap={16} color="#e2e8f0" />
          <Controls showInteractive={false} />
          {large && <ChainMinimap nodes={minimapNodes} nodeSize={NODE_SIZE} />}
          <FollowSelection selectedId={selectedId} />
        </ReactFlow>
      </div>
    </GraphFocusContext>
  );
}

function minimapColour(node: ChainFlowNode): string {
  if (node.type === "missing") return statusStyles.missing.edge;
  const { event, critical } = node.data;
  if (event.dlq !== null) return statusStyles["dead-lettered"].edge;
  return critical ? "#818cf8" : "#cbd5e1";
}

/** An event picked in the timeline or the anomalies may be off screen: bring it into view. */
function FollowSelection({ selectedId }: { selectedId: string | null }) {
  const { getNode, setCenter } = useReactFlow();
  const inView = useStore((state) => {
    if (selectedId === null) return true;
    const node = state.nodeLookup.get(selectedId);
    if (!node) return true;
    const [tx, ty, zoom] = state.transform;
    const x = node.position.x * zoom + tx;
    const y = node.position.y * zoom + ty;
    return x >= 0 && y >= 0 && x + NODE_SIZE.width * zoom <= state.width && y <= state.height;
  });
  const centred = useRef<string | null>(null);
  useEffect(() => {
    // Only a new selection recentres; panning away from it afterwards is the user's choice.
    if (selectedId === null || selectedId === centred.current) return;
    centred.current = selectedId;
    const node = getNode(selectedId);
    if (inView || !node) return;
    void setCenter(node.position.x + NODE_SIZE.width / 2, node.position.y + NODE_SIZE.height / 2, {
      zoom: 0.9,
      duration: 300,
    });
  }, [selectedId, inView, getNode, setCenter]);
  return null;
}
