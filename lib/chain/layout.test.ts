import { describe, expect, it } from "vitest";
import { layoutChain, type PositionedNode } from "./layout";

const nodeSize = { width: 200, height: 80 };

function byId(nodes: PositionedNode[]): Map<string, PositionedNode> {
  return new Map(nodes.map((node) => [node.id, node]));
}

describe("layoutChain", () => {
  it("places a parent above its child", () => {
    const nodes = byId(
      layoutChain(
        [{ id: "orders:0:1" }, { id: "payments:0:7" }],
        [{ from: "orders:0:1", to: "payments:0:7" }],
        { nodeSize },
      ),
    );

    const parent = nodes.get("orders:0:1");
    const child = nodes.get("payments:0:7");
    expect(parent && child && parent.y + nodeSize.height <= child.y).toBe(true);
  });

  it("places siblings side by side without overlapping", () => {
    const nodes = byId(
      layoutChain(
        [{ id: "order" }, { id: "payment" }, { id: "inventory" }],
        [
          { from: "order", to: "payment" },
          { from: "order", to: "inventory" },
        ],
        { nodeSize },
      ),
    );

    const payment = nodes.get("payment");
    const inventory = nodes.get("inventory");
    expect(payment?.y).toBe(inventory?.y);
    expect(Math.abs((payment?.x ?? 0) - (inventory?.x ?? 0))).toBeGreaterThanOrEqual(
      nodeSize.width,
    );
  });

  it("returns every node, in input order, and ignores edges to unknown ids", () => {
    const nodes = layoutChain([{ id: "b" }, { id: "a" }], [{ from: "a", to: "missing" }], {
      nodeSize,
    });

    expect(nodes.map((node) => node.id)).toEqual(["b", "a"]);
    for (const node of nodes) {
      expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
    }
  });
});

describe("layoutChain on large and odd graphs", () => {
  function overlaps(nodes: PositionedNode[]): boolean {
    const sorted = [...nodes].sort((a, b) => a.y - b.y || a.x - b.x);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i] as PositionedNode;
        const b = sorted[j] as PositionedNode;
        if (b.y >= a.y + nodeSize.height) break;
        if (Math.abs(a.x - b.x) < nodeSize.width && Math.abs(a.y - b.y) < nodeSize.height)
          return true;
      }
    }
    return false;
  }

  it("places 2,000 events of a fan-out tree without two nodes overlapping", () => {
    const nodes = Array.from({ length: 2_000 }, (_, i) => ({ id: `e${i}` }));
    const edges = nodes
      .slice(1)
      .map((_, i) => ({ from: `e${Math.floor(i / 3)}`, to: `e${i + 1}` }));

    expect(overlaps(layoutChain(nodes, edges, { nodeSize }))).toBe(false);
  });

  it("wraps many childless siblings into rows under their parent", () => {
    const nodes = [{ id: "batch" }, ...Array.from({ length: 20 }, (_, i) => ({ id: `item${i}` }))];
    const edges = nodes.slice(1).map(({ id }) => ({ from: "batch", to: id }));

    const placed = layoutChain(nodes, edges, { nodeSize, gridColumns: 8 });

    const items = placed.filter(({ id }) => id.startsWith("item"));
    expect(new Set(items.map(({ y }) => y)).size).toBe(3);
    expect(new Set(items.map(({ x }) => x)).size).toBe(8);
    expect(overlaps(placed)).toBe(false);
  });

  it("places every node of a causation cycle once instead of looping", () => {
    const placed = layoutChain(
      [{ id: "a" }, { id: "b" }, { id: "c" }],
      [
        { from: "a", to: "b" },
        { from: "b", to: "c" },
        { from: "c", to: "a" },
      ],
      { nodeSize },
    );

    expect(placed.map(({ id }) => id)).toEqual(["a", "b", "c"]);
    expect(overlaps(placed)).toBe(false);
  });
});
