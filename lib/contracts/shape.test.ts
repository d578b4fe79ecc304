import { describe, expect, it } from "vitest";
import { inferShape, shapeId } from "./shape";

describe("inferShape", () => {
  it("lists every field path with its JSON type, nested objects and array elements included", () => {
    expect(
      inferShape({
        orderId: "o-1",
        total: 12.5,
        paid: false,
        note: null,
        lines: [{ sku: "A", qty: 2 }],
      }),
    ).toEqual([
      { path: "lines", type: "array" },
      { path: "lines[]", type: "object" },
      { path: "lines[].qty", type: "number" },
      { path: "lines[].sku", type: "string" },
      { path: "note", type: "null" },
      { path: "orderId", type: "string" },
      { path: "paid", type: "boolean" },
      { path: "total", type: "number" },
    ]);
  });

  it("gives ten array elements the shape of one, and both types when elements differ", () => {
    expect(inferShape({ tags: ["a", "b", "c", 4] })).toEqual([
      { path: "tags", type: "array" },
      { path: "tags[]", type: "number" },
      { path: "tags[]", type: "string" },
    ]);
  });

  it("keeps at most 200 fields of a huge payload", () => {
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, i]));
    expect(inferShape(wide)).toHaveLength(200);
  });
});

describe("shapeId", () => {
  it("is the same for the same fields in any key order and differs by contract or field", () => {
    const a = shapeId("OrderPlaced", inferShape({ a: 1, b: "x" }));
    expect(shapeId("OrderPlaced", inferShape({ b: "y", a: 2 }))).toBe(a);
    expect(shapeId("OrderShipped", inferShape({ a: 1, b: "x" }))).not.toBe(a);
    expect(shapeId("OrderPlaced", inferShape({ a: "1", b: "x" }))).not.toBe(a);
  });
});
