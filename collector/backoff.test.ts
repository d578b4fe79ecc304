import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  it("doubles its ceiling per attempt, up to 15 s", () => {
    expect(backoffDelay(1, () => 1)).toBe(200);
    expect(backoffDelay(4, () => 1)).toBe(1600);
    expect(backoffDelay(30, () => 1)).toBe(15_000);
  });

  it("jitters between half the ceiling and the ceiling", () => {
    expect(backoffDelay(4, () => 0)).toBe(800);
    expect(backoffDelay(4, () => 0.5)).toBe(1200);
  });
});
