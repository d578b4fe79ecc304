import { describe, expect, it } from "vitest";
import { localInputToIso, searchHref } from "./search-params";

describe("searchHref", () => {
  it("links to the search page with only the parameters that are set", () => {
    const href = searchHref({ q: "order 1042&x", from: null, to: "2026-12-07T08:00:00.000Z" });
    const url = new URL(href, "http://causeway.test");
    expect(url.pathname).toBe("/search");
    expect([...url.searchParams.keys()]).toEqual(["q", "to"]);
    expect(url.searchParams.get("q")).toBe("order 1042&x");
    expect(url.searchParams.get("to")).toBe("2026-12-07T08:00:00.000Z");
  });
});

describe("localInputToIso", () => {
  it("turns a datetime-local value into ISO and an empty or invalid one into null", () => {
    expect(localInputToIso("2026-12-07T08:00")).toBe(new Date("2026-12-07T08:00").toISOString());
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("not a time")).toBeNull();
  });
});
