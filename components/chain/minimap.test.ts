import { describe, expect, it } from "vitest";
import { minimapPaths, minimapViewBox, nodesBounds, visibleArea } from "./minimap";

const size = { width: 200, height: 80 };

describe("minimapPaths", () => {
  it("draws every node of a colour as one rectangle in that colour's single path", () => {
    const paths = minimapPaths(
      [
        { x: 0, y: 0, colour: "grey" },
        { x: 300, y: 0, colour: "red" },
        { x: 0, y: 150.4, colour: "grey" },
      ],
      size,
    );
    expect(paths).toEqual([
      { colour: "grey", d: "M0 0h200v80h-200zM0 150h200v80h-200z" },
      { colour: "red", d: "M300 0h200v80h-200z" },
    ]);
  });

  it("draws nodes at least the least size, so a wide chain's nodes do not vanish", () => {
    const [path] = minimapPaths([{ x: 10, y: 20, colour: "grey" }], size, 500);
    expect(path?.d).toBe("M10 20h500v500h-500z");
  });

  it("draws nothing for no nodes", () => {
    expect(minimapPaths([], size)).toEqual([]);
  });
});

describe("nodesBounds", () => {
  it("holds every node whole, including negative positions", () => {
    expect(
      nodesBounds(
        [
          { x: -100, y: 40 },
          { x: 500, y: -20 },
        ],
        size,
      ),
    ).toEqual({ x: -100, y: -20, width: 800, height: 140 });
  });

  it("is null without nodes", () => {
    expect(nodesBounds([], size)).toBeNull();
  });
});

describe("visibleArea", () => {
  it("turns React Flow's transform and the pane size into flow coordinates", () => {
    expect(visibleArea([-200, 100, 0.5], 800, 600)).toEqual({
      x: 400,
      y: -200,
      width: 1600,
      height: 1200,
    });
  });
});

describe("minimapViewBox", () => {
  it("takes in a visible area that lies beyond the nodes, with padding all round", () => {
    const nodes = { x: 0, y: 0, width: 1000, height: 100 };
    const visible = { x: 900, y: -50, width: 300, height: 200 };
    expect(minimapViewBox(nodes, visible, 0.1)).toEqual({
      x: -120,
      y: -170,
      width: 1440,
      height: 440,
    });
  });
});
