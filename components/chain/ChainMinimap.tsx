"use client";

import { Panel, useReactFlow, useStore } from "@xyflow/react";
import { useMemo, useRef, type PointerEvent } from "react";
import {
  minimapPaths,
  minimapViewBox,
  nodesBounds,
  visibleArea,
  type MinimapNode,
} from "./minimap";

const WIDTH = 200;
const HEIGHT = 150;
/** The least a node is drawn, in minimap pixels, so that wide chains still show their shape. */
const MIN_NODE_PIXELS = 2;

type ChainMinimapProps = {
  nodes: readonly MinimapNode[];
  nodeSize: { width: number; height: number };
};

/**
 * The whole chain in the corner, with the part on screen outlined; pressing or dragging on it
 * moves the view there. Drawn as one path per colour rather than React Flow's own minimap,
 * which draws every node as an element of its own.
 */
export function ChainMinimap({ nodes, nodeSize }: ChainMinimapProps) {
  const bounds = useMemo(() => nodesBounds(nodes, nodeSize), [nodes, nodeSize]);
  const paths = useMemo(() => {
    const unitsPerPixel = bounds ? Math.max(bounds.width / WIDTH, bounds.height / HEIGHT) : 0;
    return minimapPaths(nodes, nodeSize, MIN_NODE_PIXELS * unitsPerPixel);
  }, [nodes, nodeSize, bounds]);
  const transform = useStore((state) => state.transform);
  const paneWidth = useStore((state) => state.width);
  const paneHeight = useStore((state) => state.height);
  const { setCenter } = useReactFlow();
  const svg = useRef<SVGSVGElement>(null);
  if (!bounds) return null;

  const visible = visibleArea(transform, paneWidth, paneHeight);
  const view = minimapViewBox(bounds, visible, 0.05);
  const zoom = transform[2];

  const moveTo = (event: PointerEvent<SVGSVGElement>) => {
    const matrix = svg.current?.getScreenCTM()?.inverse();
    if (!matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    void setCenter(at.x, at.y, { zoom });
  };

  return (
    <Panel position="bottom-right">
      <svg
        ref={svg}
        role="img"
        aria-label="Whole chain"
        data-testid="chain-minimap"
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`}
        className="cursor-pointer touch-none rounded border border-slate-200 bg-white shadow-sm"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          moveTo(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event);
        }}
      >
        {paths.map(({ colour, d }) => (
          <path key={colour} d={d} fill={colour} />
        ))}
        <rect
          x={visible.x}
          y={visible.y}
          width={visible.width}
          height={visible.height}
          fill="rgb(14 165 233 / 0.08)"
          stroke="#0284c7"
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
        />
      </svg>
    </Panel>
  );
}
