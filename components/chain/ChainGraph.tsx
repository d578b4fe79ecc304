"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, ReactFlow, type NodeMouseHandler } from "@xyflow/react";
import { useCallback, useMemo } from "react";
import { EventNode } from "./EventNode";
import { MissingParentNode } from "./MissingParentNode";
import type { ChainSelectionProps } from "./selection";
import { buildChainFlow, type ChainFlowNode } from "./graph-elements";

// At module level so React Flow never sees a new object and remounts every node.
const nodeTypes = { event: EventNode, missing: MissingParentNode };

export function ChainGraph({
  events,
  edges,
  selectedId,
  hoveredId,
  onSelect,
  onHover,
}: ChainSelectionProps) {
  // Layout depends on the data alone; polls that change nothing keep the same arrays.
  const flow = useMemo(() => buildChainFlow(events, edges), [events, edges]);

  // Selection and hover only touch the nodes they concern, so the rest are not re-rendered.
  const nodes = useMemo(
    () =>
      flow.nodes.map((node): ChainFlowNode => {
        const selected = node.id === selectedId;
        const hovered = node.id === hoveredId;
        if (!selected && !hovered) return node;
        return { ...node, selected, data: { ...node.data, hovered } } as ChainFlowNode;
      }),
    [flow.nodes, selectedId, hoveredId],
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
    <div className="h-[560px] w-full" aria-label="Causation graph">
      <ReactFlow
        nodes={nodes}
        edges={flow.edges}
        nodeTypes={nodeTypes}
        onNodeClick={handleClick}
        onNodeMouseEnter={handleEnter}
        onNodeMouseLeave={handleLeave}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.1}
      >
        <Background gap={16} color="#e2e8f0" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
