import { describe, expect, it } from "vitest";
import { keepNewest } from "./newest";
import type { LagOverview, LagRow } from "./views";

function row(group: string, sampledAt: string, totalLag: number): LagRow {
  return {
    group,
    topic: "t",
    internal: false,
    members: 1,
    state: "Stable",
    presence: "active",
    sampledAt,
    totalLag,
    maxLagSeconds: null,
    status: "OK",
    explanation: "",
    trend: [],
  };
}

function overview(generatedAt: string, rows: LagRow[]): LagOverview {
  return { generatedAt, windowMs: 1, sampleMs: 1, rows };
}

describe("keepNewest", () => {
  it("ignores an answer generated before the one already shown", () => {
    const shown = overview("2026-01-01T00:00:10Z", [row("a", "2026-01-01T00:00:09Z", 5)]);
    const late = overview("2026-01-01T00:00:05Z", [row("a", "2026-01-01T00:00:04Z", 9)]);
    expect(keepNewest(shown, late)).toBe(shown);
  });

  it("keeps a row's newer sample when a newer answer carries an older one", () => {
    const shown = overview("2026-01-01T00:00:10Z", [row("a", "2026-01-01T00:00:09Z", 5)]);
    const next = overview("2026-01-01T00:00:11Z", [
      row("a", "2026-01-01T00:00:08Z", 9),
      row("b", "2026-01-01T00:00:10Z", 1),
    ]);
    const merged = keepNewest(shown, next);
    expect(merged.rows.map((r) => [r.group, r.totalLag])).toEqual([
      ["a", 5],
      ["b", 1],
    ]);
    expect(merged.generatedAt).toBe(next.generatedAt);
  });
});
