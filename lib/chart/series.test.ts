import { describe, expect, it } from "vitest";
import {
  bucketsToAligned,
  dataExtent,
  formatTime,
  formatValue,
  historyToAligned,
  orderPartitions,
  selectionToRange,
  valuesToAligned,
} from "./series";

const history = [
  {
    t: "2026-01-01T00:00:10.000Z",
    partitions: [
      { partition: 1, lag: 5, lagSeconds: 2 },
      { partition: 0, lag: 3, lagSeconds: null },
    ],
  },
  { t: "2026-01-01T00:00:00.000Z", partitions: [{ partition: 0, lag: 1, lagSeconds: 1 }] },
];

describe("lag history → aligned", () => {
  it("orders problem partitions last so they are drawn on top", () => {
    expect(orderPartitions(history, new Set([0]))).toEqual([1, 0]);
    expect(orderPartitions(history, new Set())).toEqual([0, 1]);
  });

  it("sorts by time, uses epoch seconds and leaves null where a partition has no sample", () => {
    const t0 = Date.parse("2026-01-01T00:00:00.000Z") / 1000;
    expect(historyToAligned(history, "lag", [0, 1])).toEqual([
      [t0, t0 + 10],
      [1, 3],
      [null, 5],
    ]);
    expect(historyToAligned(history, "lagSeconds", [0, 1])).toEqual([
      [t0, t0 + 10],
      [1, null],
      [null, 2],
    ]);
  });
});

describe("other shapes", () => {
  it("places sparkline values at their times, or at their index without times", () => {
    expect(valuesToAligned([4, 2])).toEqual([
      [0, 1],
      [4, 2],
    ]);
    expect(valuesToAligned([4], ["1970-01-01T00:00:05.000Z"])).toEqual([[5], [4]]);
  });

  it("places dead-letter buckets at each bucket's start", () => {
    expect(
      bucketsToAligned([1, 0, 2], "1970-01-01T00:00:00.000Z", "1970-01-01T00:00:30.000Z"),
    ).toEqual([
      [0, 10, 20],
      [1, 0, 2],
    ]);
  });
});

describe("time-range selection", () => {
  const posToVal = (px: number) => 1000 + px * 2;

  it("turns a drag into the range under it", () => {
    expect(selectionToRange(10, 50, posToVal)).toEqual({ min: 1020, max: 1120 });
  });

  it("ignores a click-sized drag", () => {
    expect(selectionToRange(10, 1, posToVal)).toBeNull();
  });

  it("keeps min below max when the axis runs backwards", () => {
    expect(selectionToRange(0, 10, (px) => 100 - px)).toEqual({ min: 90, max: 100 });
  });

  it("finds the data extent and widens a single point", () => {
    expect(dataExtent([])).toBeNull();
    expect(dataExtent([3, 1, 2])).toEqual({ min: 1, max: 3 });
    expect(dataExtent([5])).toEqual({ min: 5, max: 6 });
  });
});

describe("exact legend text", () => {
  it("prints time to the second in UTC and the unrounded value", () => {
    expect(formatTime(0)).toBe("1970-01-01 00:00:00 UTC");
    expect(formatTime(null)).toBe("—");
    expect(formatValue(12345, "messages")).toBe("12,345 messages");
    expect(formatValue(null, "seconds")).toBe("—");
  });
});
