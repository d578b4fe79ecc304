import { describe, expect, it } from "vitest";
import { compileMappings, mappingFor, parseJsonPath, valueAtPath } from "./mapping";

describe("envelope mapping file", () => {
  it.each([
    ["$.meta.ids[0]", ["meta", "ids", 0]],
    ["meta.id", ["meta", "id"]],
    ["$", []],
    ["$[2].id", [2, "id"]],
  ])("parses the JSON path %s", (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each(["$..id", "meta..id", "$.a[x]", "$.a["])("rejects the JSON path %s", (path) => {
    expect(parseJsonPath(path)).toBeNull();
  });

  it("reads values at a path, undefined where the shape differs", () => {
    const doc = { meta: { ids: ["a", "b"] } };
    expect(valueAtPath(doc, ["meta", "ids", 1])).toBe("b");
    expect(valueAtPath(doc, ["meta", 0])).toBeUndefined();
    expect(valueAtPath(doc, ["meta", "ids", "x"])).toBeUndefined();
  });

  it("matches topics by glob, whole names only, first mapping wins", () => {
    const mappings = compileMappings({
      mappings: [
        { topic: ["pos.*.sales", "till-?"], eventId: { header: "id" } },
        { topic: "*", eventId: { header: "other" } },
      ],
    });
    expect(mappingFor(mappings, "pos.eu.sales")).toBe(mappings[0]);
    expect(mappingFor(mappings, "till-1")).toBe(mappings[0]);
    expect(mappingFor(mappings, "till-12")).toBe(mappings[1]);
    expect(mappingFor(mappings.slice(0, 1), "xpos.eu.sales")).toBeNull();
    expect(mappingFor(mappings.slice(0, 1), "pos.eu(sales")).toBeNull();
  });

  it.each([
    [{}, "mappings"],
    [{ mappings: [] }, "mappings"],
    [{ mappings: [{ eventId: { header: "id" } }] }, "mappings.0.topic: expected a topic glob"],
    [
      { mappings: [{ topic: "a", eventId: { path: "$..x" } }] },
      "mappings.0.eventId.path: not a JSON path",
    ],
    [{ mappings: [{ topic: "a", eventid: { header: "id" } }] }, "eventid"],
    [{ mappings: [{ topic: "a", eventId: { header: "id", path: "$.id" } }] }, "mappings.0.eventId"],
  ])("rejects the invalid mapping file %j, naming %s", (file, where) => {
    expect(() => compileMappings(file)).toThrow(where);
  });
});
