import { describe, expect, it } from "vitest";
import { expiredLagIndices, lagIndexFor } from "./lag-indices";

describe("lag retention", () => {
  it("names a day's index from the sample time in UTC", () => {
    expect(lagIndexFor("cw", Date.parse("2026-11-23T23:59:59Z"))).toBe("cw-lag-2026.11.23");
  });

  it("expires only whole days older than the retention, and only its own indices", () => {
    const names = [
      "cw-lag-2026.11.15",
      "cw-lag-2026.11.16",
      "cw-lag-2026.11.23",
      "cw-lag-probe",
      "cw-events-2026.11.01",
      "other-lag-2026.11.01",
    ];
    expect(expiredLagIndices(names, "cw", "cw-lag-2026.11.16")).toEqual(["cw-lag-2026.11.15"]);
  });
});
