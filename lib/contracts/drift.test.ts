import { describe, expect, it } from "vitest";
import { describeDrift, diffShapes, isBreaking } from "./drift";
import { inferShape } from "./shape";

describe("diffShapes", () => {
  it("finds a removed and an added field, which is breaking", () => {
    const diff = diffShapes(
      inferShape({ id: "1", total: 10 }),
      inferShape({ id: "1", total_cents: 1000 }),
    );
    expect(diff).toEqual({
      removed: [{ path: "total", type: "number" }],
      added: [{ path: "total_cents", type: "number" }],
      changed: [],
    });
    expect(isBreaking(diff)).toBe(true);
  });

  it("finds a changed type, which is breaking", () => {
    const diff = diffShapes(inferShape({ total: 10 }), inferShape({ total: "10.00" }));
    expect(diff.changed).toEqual([{ path: "total", from: ["number"], to: ["string"] }]);
    expect(isBreaking(diff)).toBe(true);
  });

  it("does not call an added field breaking", () => {
    const diff = diffShapes(inferShape({ id: "1" }), inferShape({ id: "1", note: "x" }));
    expect(isBreaking(diff)).toBe(false);
    expect(diff.added).toEqual([{ path: "note", type: "string" }]);
  });

  it("reads a field turning null as an empty optional field, not a type change", () => {
    const diff = diffShapes(inferShape({ note: "x" }), inferShape({ note: null }));
    expect(diff.changed).toEqual([]);
    expect(isBreaking(diff)).toBe(false);
  });

  it("names a removed object once, not each of its fields", () => {
    const diff = diffShapes(
      inferShape({ id: 1, customer: { name: "a", tier: "b" } }),
      inferShape({ id: 1 }),
    );
    expect(diff.removed).toEqual([{ path: "customer", type: "object" }]);
  });
});

describe("describeDrift", () => {
  it("says what disappeared and appeared, when, how widely and who consumes it", () => {
    const diff = diffShapes(inferShape({ total: 1 }), inferShape({ total_cents: 100 }));
    expect(
      describeDrift({
        contract: "OrderPlaced",
        diff,
        at: "2026-12-04T14:02:31.000Z",
        shareSince: 0.384,
        consumers: new Map([["orders", ["payment-service", "inventory-service"]]]),
      }),
    ).toBe(
      "OrderPlaced: field `total` (number) disappeared and `total_cents` (number) appeared on 2026-12-04 14:02 UTC, in 38% of records since; consumers of `orders`: payment-service, inventory-service.",
    );
  });

  it("says when no consumer is known", () => {
    const diff = diffShapes(inferShape({ a: 1 }), inferShape({ a: "1" }));
    expect(
      describeDrift({
        contract: "T",
        diff,
        at: "2026-01-02T03:04:05.000Z",
        shareSince: null,
        consumers: new Map([["t", []]]),
      }),
    ).toBe(
      "T: `a` changed from number to string on 2026-01-02 03:04 UTC; consumers of `t`: none known.",
    );
  });
});
