import { describe, expect, it } from "vitest";
import type { LagSample } from "./sample";
import { lagRow, presenceOf, roundSpacing, worstFirst, type LagRow } from "./views";

function sample(second: number, members: number, committed = 5, end = 5): LagSample {
  return {
    group: "g",
    topic: "t",
    sampledAt: new Date(second * 1000).toISOString(),
    members,
    state: members > 0 ? "Stable" : "Empty",
    internal: false,
    totalLag: end - committed,
    maxLagSeconds: 0,
    partitions: [{ partition: 0, committed, end, lag: end - committed, lagSeconds: 0 }],
  };
}

const timing = { windowMs: 10_000, sampleMs: 1_000, newestSampleAt: 20_000, roundMs: 1_000 };

describe("presenceOf", () => {
  it("marks a series the latest round did not include as vanished", () => {
    expect(presenceOf(sample(12, 1), timing)).toBe("vanished");
  });

  it("allows a missed round on a sampler slower than its interval", () => {
    expect(presenceOf(sample(12, 1), { ...timing, roundMs: 5_000 })).toBe("active");
    expect(presenceOf(sample(2, 1), { ...timing, roundMs: 5_000 })).toBe("vanished");
  });

  it("tells a group without members from an active one", () => {
    expect(presenceOf(sample(20, 0), timing)).toBe("no-members");
    expect(presenceOf(sample(20, 2), timing)).toBe("active");
  });
});

describe("lagRow", () => {
  it("keeps the last known lag of a vanished group and its trend oldest first", () => {
    const row = lagRow([sample(11, 0, 3, 9), sample(10, 1, 3, 7)], timing);
    expect(row).toMatchObject({ presence: "vanished", totalLag: 6, members: 0 });
    expect(row?.trend.map((p) => p.lag)).toEqual([4, 6]);
  });
});

describe("worstFirst", () => {
  it("orders by status, then by seconds behind", () => {
    const base = lagRow([sample(20, 1)], timing) as LagRow;
    const rows: LagRow[] = [
      { ...base, group: "ok" },
      { ...base, group: "stop-short", status: "STOP", maxLagSeconds: 3 },
      { ...base, group: "warn", status: "WARN" },
      { ...base, group: "stop-long", status: "STOP", maxLagSeconds: 30 },
    ];
    expect(rows.sort(worstFirst).map((r) => r.group)).toEqual([
      "stop-long",
      "stop-short",
      "warn",
      "ok",
    ]);
  });
});

describe("roundSpacing", () => {
  it("is the median gap between samples", () => {
    expect(roundSpacing([sample(0, 1), sample(5, 1), sample(6, 1), sample(11, 1)])).toBe(5_000);
    expect(roundSpacing([sample(0, 1)])).toBe(0);
  });
});
