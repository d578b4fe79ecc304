/**
 * The chain minimap's geometry. A 2,000-event chain drawn as one SVG element per node cost the
 * page hundreds of milliseconds to create, style and paint; as one path per colour it is a
 * handful of elements whatever the chain's size.
 */

export type Box = { x: number; y: number; width: number; height: number };
export type MinimapNode = { x: number; y: number; colour: string };
export type MinimapPath = { colour: string; d: string };

/**
 * One path per colour, each node a closed rectangle in it, in first-seen colour order. A wide
 * chain shrinks its nodes below a pixel, so each is drawn at least `minSize` flow units.
 */
export function minimapPaths(
  nodes: readonly MinimapNode[],
  size: { width: number; height: number },
  minSize = 0,
): MinimapPath[] {
  const byColour = new Map<string, string[]>();
  // Whole units: the minimap shows thousands of flow units in 200 pixels, and shorter numbers
  // keep the path strings small.
  const width = Math.round(Math.max(size.width, minSize));
  const height = Math.round(Math.max(size.height, minSize));
  const rect = `h${width}v${height}h${-width}z`;
  for (const { x, y, colour } of nodes) {
    const parts = byColour.get(colour) ?? [];
    parts.push(`M${Math.round(x)} ${Math.round(y)}${rect}`);
    byColour.set(colour, parts);
  }
  return [...byColour].map(([colour, parts]) => ({ colour, d: parts.join("") }));
}

/** The smallest box holding every node, or null for none. */
export function nodesBounds(
  nodes: readonly { x: number; y: number }[],
  size: { width: number; height: number },
): Box | null {
  if (nodes.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of nodes) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + size.width);
    maxY = Math.max(maxY, y + size.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The part of the flow on screen, from React Flow's transform `[x, y, zoom]` and pane size. */
export function visibleArea(
  [tx, ty, zoom]: readonly [number, number, number],
  width: number,
  height: number,
): Box {
  return { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
}

/** What the minimap shows: the nodes and the visible area, so the latter never falls outside. */
export function minimapViewBox(nodes: Box, visible: Box, padding: number): Box {
  const x = Math.min(nodes.x, visible.x);
  const y = Math.min(nodes.y, visible.y);
  const width = Math.max(nodes.x + nodes.width, visible.x + visible.width) - x;
  const height = Math.max(nodes.y + nodes.height, visible.y + visible.height) - y;
  const pad = Math.max(width, height) * padding;
  return { x: x - pad, y: y - pad, width: width + 2 * pad, height: height + 2 * pad };
}
