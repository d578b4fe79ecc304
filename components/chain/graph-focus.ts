import { createContext, useContext } from "react";

/** Which nodes the reader has picked, is pointing at, or had flagged by an anomaly. */
export type GraphFocus = {
  selectedId: string | null;
  hoveredId: string | null;
  flaggedIds: ReadonlySet<string>;
};

/**
 * Nodes read their focus from here rather than from React Flow's node data: a hover or a click
 * then re-renders the few nodes on screen instead of handing React Flow 2,000 new nodes.
 */
export const GraphFocusContext = createContext<GraphFocus>({
  selectedId: null,
  hoveredId: null,
  flaggedIds: new Set(),
});

export function useNodeFocus(id: string) {
  const { selectedId, hoveredId, flaggedIds } = useContext(GraphFocusContext);
  return { selected: id === selectedId, hovered: id === hoveredId, flagged: flaggedIds.has(id) };
}
