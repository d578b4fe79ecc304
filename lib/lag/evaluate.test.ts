import { describe, expect, it } from "vitest";
import { evaluatePartition, evaluateTopic, type PartitionPoint } from "./evaluate";
import type { LagSample } from "./sample";

const WINDOW = 10_000;

/** One point per second: [committed, end] pairs, with `members` connected throughout. */
function series(pairs: [committed: number, end: number][], members = 1): PartitionPoint[] {
  return pairs.map(([committed, end], i) => ({
    time: i * 1000,
    committed,
    end,
    lag: Math.max(0, end - committed),
    members,
  }));
}

function repeat(pair: [number, number], n: number): [number, number][] {
  return Array.from({ length: n }, () => pair);
}

describe("evaluatePartition", () => {
  it("is OK when the group has read everything", () => {
    const verdict = evaluatePartition(
      series([
        [5, 9],
        [9, 9],
      ]),
      WINDOW,
    );
    expect(verdict.status).toBe("OK");
  });

  it("is OK while the committed offset keeps moving", () => {
    const points = series([
      [0, 10],
      [5, 14],
      [9, 13],
      [12, 15],
    ]);
    expect(evaluatePartition(points, WINDOW).status).toBe("OK");
  });

  it("is OK for a consumer caught up within the window, though the last sample has new records", () => {
    const points = series([
      [10, 10],
      [11, 11],
      [12, 12],
      [13, 14],
    ]);
    const verdict = evaluatePartition(points, WINDOW);
    expect(verdict.status).toBe("OK");
    expect(verdict.explanation).toContain("caught up within");
  });

  it("warns when lag rises across the window before it counts as stopped", () => {
    const points = series([
      [10, 12],
      [10, 15],
      [10, 20],
      [10, 30],
    ]);
    const verdict = evaluatePartition(points, WINDOW);
    expect(verdict.status).toBe("WARN");
    expect(verdict.explanation).toContain("from 2 to 20");
  });

  it("says STOP when nothing moved for the window and no member is connected", () => {
    const verdict = evaluatePartition(series(repeat([10, 30], 12), 0), WINDOW);
    expect(verdict.status).toBe("STOP");
    expect(verdict.explanation).toContain("no member is connected");
  });

  it("says STOP for a connected consumer that lets new records pile up for the window", () => {
    const pairs = Array.from({ length: 12 }, (_, i): [number, number] => [10, 20 + i]);
    expect(evaluatePartition(series(pairs), WINDOW).status).toBe("STOP");
  });

  it("says STALL when members are connected but a fixed backlog is not read", () => {
    const verdict = evaluatePartition(series(repeat([10, 30], 12)), WINDOW);
    expect(verdict.status).toBe("STALL");
    expect(verdict.explanation).toContain("stuck");
  });

  it("says REWIND when the committed offset went backwards in the window", () => {
    const verdict = evaluatePartition(
      series([
        [20, 30],
        [25, 30],
        [3, 30],
      ]),
      WINDOW,
    );
    expect(verdict.status).toBe("REWIND");
    expect(verdict.explanation).toContain("from 25 to 3");
  });

  it("says ERR when the committed offset is past the end of the log", () => {
    expect(evaluatePartition(series([[50, 10]]), WINDOW).status).toBe("ERR");
  });

  it("does not count a standstill shorter than the window as stopped", () => {
    const verdict = evaluatePartition(series(repeat([10, 30], 5), 0), WINDOW);
    expect(verdict.status).toBe("OK");
  });
});

describe("evaluateTopic", () => {
  function sample(second: number, partitions: [committed: number, end: number][]): LagSample {
    return {
      group: "g",
      topic: "t",
      sampledAt: new Date(second * 1000).toISOString(),
      members: 0,
      state: "Empty",
      internal: false,
      totalLag: 0,
      maxLagSeconds: null,
      partitions: partitions.map(([committed, end], partition) => ({
        partition,
        committed,
        end,
        lag: end - committed,
        lagSeconds: null,
      })),
    };
  }

  it("takes the worst partition's status and names the partition", () => {
    const samples = Array.from({ length: 12 }, (_, s) =>
      sample(s, [
        [s, s],
        [4, 9],
      ]),
    );
    const verdict = evaluateTopic(samples, WINDOW);
    expect(verdict.status).toBe("STOP");
    expect(verdict.explanation).toMatch(/^Partition 1: /);
    expect(verdict.partitions.map((p) => p.status)).toEqual(["OK", "STOP"]);
  });
});
