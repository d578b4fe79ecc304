import { describe, expect, it } from "vitest";
import { backoffDelay, retryAfterMs } from "./backoff";

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

describe("retryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("reads delta-seconds and HTTP dates", () => {
    expect(retryAfterMs("3", now)).toBe(3_000);
    expect(retryAfterMs(["2"], now)).toBe(2_000);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5_000);
  });

  it("caps long waits at a minute and never goes negative", () => {
    expect(retryAfterMs("3600", now)).toBe(60_000);
    expect(retryAfterMs("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
  });

  it("is null when there is nothing usable", () => {
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs("", now)).toBeNull();
    expect(retryAfterMs("soon", now)).toBeNull();
  });
});
