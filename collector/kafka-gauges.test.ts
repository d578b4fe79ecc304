import { describe, expect, it } from "vitest";
import { partitionLag, topicDepth } from "./kafka-gauges";

describe("partitionLag", () => {
  it("is the distance from the committed offset to the end", () => {
    expect(partitionLag("40", { partition: 0, low: "0", high: "45" })).toBe(5);
    expect(partitionLag("45", { partition: 0, low: "0", high: "45" })).toBe(0);
  });

  it("counts every retained record when the group never committed", () => {
    expect(partitionLag("-1", { partition: 0, low: "10", high: "25" })).toBe(15);
  });

  it("counts from the low watermark when retention removed what was committed", () => {
    expect(partitionLag("3", { partition: 0, low: "10", high: "25" })).toBe(15);
  });
});

describe("topicDepth", () => {
  it("sums what each partition holds", () => {
    expect(
      topicDepth([
        { partition: 0, low: "0", high: "3" },
        { partition: 1, low: "5", high: "9" },
      ]),
    ).toBe(7);
    expect(topicDepth([])).toBe(0);
  });
});
