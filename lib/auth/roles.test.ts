import { describe, expect, it } from "vitest";
import { hasRole, highestRole } from "./roles";

describe("roles", () => {
  it("orders viewer < operator < admin", () => {
    expect(hasRole("viewer", "viewer")).toBe(true);
    expect(hasRole("viewer", "operator")).toBe(false);
    expect(hasRole("operator", "operator")).toBe(true);
    expect(hasRole("operator", "admin")).toBe(false);
    expect(hasRole("admin", "operator")).toBe(true);
  });

  it("picks the most powerful of several roles", () => {
    expect(highestRole(["viewer", "admin", "operator"])).toBe("admin");
    expect(highestRole([])).toBeNull();
  });
});
