import { describe, expect, it } from "vitest";
import { GroupId, parseRangePreset, parseTimeRange } from "./params";

describe("parseTimeRange", () => {
  it("reads ISO from and to", () => {
    const result = parseTimeRange(
      new URLSearchParams({ from: "2026-01-01T00:00:00Z", to: "2026-01-01T01:00:00Z" }),
    );
    expect(result).toEqual({
      ok: true,
      range: { from: Date.parse("2026-01-01T00:00:00Z"), to: Date.parse("2026-01-01T01:00:00Z") },
    });
  });

  it("defaults to the last 15 minutes", () => {
    const result = parseTimeRange(new URLSearchParams());
    expect(result.ok && result.range.to - result.range.from).toBe(15 * 60_000);
  });

  it("names the parameter that is not a date", () => {
    expect(parseTimeRange(new URLSearchParams({ from: "yesterday" }))).toEqual({
      ok: false,
      error: expect.stringContaining("`from`"),
    });
  });

  it("refuses a range that ends before it starts or spans more than a week", () => {
    const backwards = new URLSearchParams({
      from: "2026-01-02T00:00:00Z",
      to: "2026-01-01T00:00:00Z",
    });
    expect(parseTimeRange(backwards)).toEqual({ ok: false, error: "`from` must be before `to`" });
    const huge = new URLSearchParams({ from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" });
    expect(parseTimeRange(huge).ok).toBe(false);
  });
});

describe("inputs", () => {
  it("falls back to the default range preset for anything unknown", () => {
    expect(parseRangePreset("6h")).toBe("6h");
    expect(parseRangePreset("1y")).toBe("15m");
  });

  it("refuses empty group ids and control characters", () => {
    expect(GroupId.safeParse("").success).toBe(false);
    expect(GroupId.safeParse("a\nb").success).toBe(false);
    expect(GroupId.safeParse("payment-service").success).toBe(true);
  });
});
