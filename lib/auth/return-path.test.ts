import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it("keeps a path on this site", () => {
    expect(safeReturnPath("/chains/order-1?x=1")).toBe("/chains/order-1?x=1");
  });

  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "evil",
    "/a\nb",
    "/login?next=/x",
    undefined,
    3,
  ])("falls back to / for %j", (next) => {
    expect(safeReturnPath(next)).toBe("/");
  });
});
