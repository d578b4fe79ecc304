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
