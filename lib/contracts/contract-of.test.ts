import { describe, expect, it } from "vitest";
import { shapeOf, skeleton } from "./contract-of";
import { inferShape, shapeId } from "./shape";

const record = (payload: unknown, eventType = "OrderPlaced") => ({
  topic: "orders",
  eventType,
  payload,
  isDeadLetter: false,
});

describe("shapeOf", () => {
  const payloads: unknown[] = [
    { order_id: "o-1", total: 12.5, items: [{ sku: "a", qty: 1 }], paid: true, note: null },
    { order_id: "o-2", total: 3, items: [{ sku: "b", qty: 2 }], paid: false, note: null },
    { total: 3, order_id: "o-2", items: [{ sku: "b", qty: 2 }], paid: false, note: null },
    { order_id: "o-3", items: [{ sku: "c", qty: "2" }, 7], "items[].sku": "x" },
    { order: { id: "o-4", lines: [[1, 2], ["3"]] } },
    { "a1:b": 1 },
    { a: { b: 1 } },
  ];

  it("gives each payload the id of the shape inferred from it, cached or not", () => {
    for (const payload of [...payloads, ...payloads]) {
      const expected = inferShape(payload);
      expect(shapeOf(record(payload))).toEqual({
        id: shapeId("OrderPlaced", expected),
        shape: expected,
      });
    }
  });

  it("tells a payload from the recently seen ones it differs from by one field or type", () => {
    const pairs: [unknown, unknown][] = [
      [{ a: { b: 1 } }, { a: { b: 1, c: 2 } }],
      [{ a: { b: 1, c: 2 } }, { a: { b: 1 } }],
      [{ a: { b: 1 } }, { a: { c: 1 } }],
      [{ a: { b: 1 } }, { a: { b: "1" } }],
      [{ a: null }, { a: {} }],
      [{ a: {} }, { a: [] }],
      [{ a: [] }, { a: [1] }],
      [{ a: [1] }, { a: [1, "x"] }],
      [{ a: [1, "x"] }, { a: [1] }],
      [{ a: [{ b: 1 }] }, { a: [{ b: 1 }, { c: 1 }] }],
      [{ a: [[1]] }, { a: [["1"]] }],
      [{ a: true }, { a: 1 }],
    ];
    pairs.forEach(([seen, next], i) => {
      const contract = `Drift${i}`;
      shapeOf(record(seen, contract));
      expect(shapeOf(record(seen, contract))?.shape).toEqual(inferShape(seen));
      expect(shapeOf(record(next, contract))?.shape).toEqual(inferShape(next));
    });
  });

  it("knows a payload by a skeleton seen before the contract's latest ones", () => {
    const variants = Array.from({ length: 6 }, (_, i) => ({ [`field_${i}`]: i }));
    for (const payload of [...variants, ...variants.reverse()]) {
      expect(shapeOf(record(payload, "Many"))?.shape).toEqual(inferShape(payload));
    }
  });

  it("keeps contracts apart when their payloads look alike", () => {
    const placed = shapeOf(record({ a: 1 }));
    const shipped = shapeOf(record({ a: 1 }, "OrderShipped"));
    expect(placed?.id).not.toBe(shipped?.id);
  });

  it("has no shape for dead letters and payloads that are not objects", () => {
    expect(shapeOf({ ...record({ a: 1 }), isDeadLetter: true })).toBeNull();
    expect(shapeOf(record("text"))).toBeNull();
    expect(shapeOf(record(null))).toBeNull();
  });
});

describe("skeleton", () => {
  it("is the same for the same structure with other values", () => {
    expect(skeleton({ a: "x", b: [1, 2], c: { d: true } })).toBe(
      skeleton({ a: "y", b: [3, 4], c: { d: false } }),
    );
  });

  it("lists each element skeleton of an array once", () => {
    expect(skeleton({ lines: [{ sku: "a" }, { sku: "b" }, { sku: "c" }] })).toBe(
      skeleton({ lines: [{ sku: "d" }] }),
    );
    expect(skeleton({ lines: [1, "a", 2] })).toBe(skeleton({ lines: [3, "b"] }));
    expect(skeleton({ lines: [1, "a"] })).not.toBe(skeleton({ lines: ["a", 1] }));
  });

  it("tells apart names that look like structure", () => {
    expect(skeleton({ "a1:b": 1 })).not.toBe(skeleton({ a: { b: 1 } }));
    expect(skeleton({ "{": "s" })).not.toBe(skeleton({ "": { "": "s" } }));
  });

  it("gives up on very large values, which are then inferred uncached", () => {
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`field_${i}`, i]));
    expect(skeleton(wide)).toBeNull();
    expect(shapeOf(record(wide))?.shape).toHaveLength(200);
  });
});
