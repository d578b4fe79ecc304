import { describe, expect, it } from "vitest";
import { addEndOffset, lagSeconds, timeOfOffset, type OffsetTime } from "./offset-times";

function tableOf(...points: [offset: number, time: number][]): OffsetTime[] {
  return points.reduce<OffsetTime[]>((t, [offset, time]) => addEndOffset(t, offset, time), []);
}

describe("addEndOffset", () => {
  it("keeps the first time an end offset was seen, not the later samples of it", () => {
    expect(tableOf([10, 1000], [10, 2000], [20, 3000])).toEqual([
      { offset: 10, time: 1000 },
      { offset: 20, time: 3000 },
    ]);
  });

  it("starts over when the log end goes backwards", () => {
    expect(tableOf([10, 1000], [20, 2000], [5, 3000])).toEqual([{ offset: 5, time: 3000 }]);
  });

  it("drops the point that is best explained by its neighbours when full", () => {
    const table = [
      [0, 0],
      [10, 10],
      [20, 20],
      [30, 1000],
    ].reduce<OffsetTime[]>((t, [o, time]) => addEndOffset(t, o as number, time as number, 3), []);
    expect(table).toEqual([
      { offset: 0, time: 0 },
      { offset: 20, time: 20 },
      { offset: 30, time: 1000 },
    ]);
  });
});

describe("timeOfOffset", () => {
  const table = tableOf([100, 10_000], [200, 20_000]);

  it("interpolates between the points around the offset", () => {
    expect(timeOfOffset(table, 150)).toBe(15_000);
  });

  it("gives the first point's time as a lower bound for older offsets", () => {
    expect(timeOfOffset(table, 5)).toBe(10_000);
  });

  it("knows nothing without points", () => {
    expect(timeOfOffset([], 5)).toBeNull();
  });
});

describe("lagSeconds", () => {
  const table = tableOf([0, 0], [100, 100_000]);

  it("is zero when the group has read everything", () => {
    expect(lagSeconds(table, 100, 100, 500_000)).toBe(0);
  });

  it("is the age of the first unread record", () => {
    // Record 49 exists once the end passed 50, interpolated at 50 s; now is 130 s.
    expect(lagSeconds(table, 49, 100, 130_000)).toBe(80);
  });

  it("grows while the committed offset stands still", () => {
    const early = lagSeconds(table, 49, 100, 130_000) ?? 0;
    const later = lagSeconds(table, 49, 100, 160_000) ?? 0;
    expect(later - early).toBe(30);
  });

  it("is unknown without a commit", () => {
    expect(lagSeconds(table, null, 100, 1)).toBeNull();
  });
});
