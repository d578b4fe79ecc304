import { describe, expect, it } from "vitest";
import { summarizeCoverage } from "./coverage";

describe("summarizeCoverage", () => {
  const now = Date.parse("2026-01-01T00:01:00Z");

  it("says everything is indexed up to the least recent partition, and which are behind", () => {
    const summary = summarizeCoverage(
      [
        {
          topic: "orders",
          partition: 0,
          offset: "99",
          indexedAt: "2026-01-01T00:00:50Z",
          highWatermark: "100",
        },
        {
          topic: "orders",
          partition: 1,
          offset: "10",
          indexedAt: "2026-01-01T00:00:30Z",
          highWatermark: "40",
        },
      ],
      now,
    );
    expect(summary).toEqual({
      partitions: 2,
      indexedUpTo: "2026-01-01T00:00:30.000Z",
      secondsAgo: 30,
      behind: [{ topic: "orders", partition: 1, offset: "10", highWatermark: "40" }],
    });
  });

  it("has no time when nothing is indexed", () => {
    expect(summarizeCoverage([], now)).toEqual({
      partitions: 0,
      indexedUpTo: null,
      secondsAgo: null,
      behind: [],
    });
  });
});
