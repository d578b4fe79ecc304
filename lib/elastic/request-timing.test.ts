import { describe, expect, it } from "vitest";
import { elasticsearchOperation } from "./request-timing";

describe("elasticsearchOperation", () => {
  it.each([
    ["POST", "/causeway-events/_search", "_search"],
    ["GET", "/causeway-audit/_doc/replay%3Aorders%3A0%3A1%231", "_doc"],
    ["POST", "/_bulk", "_bulk"],
    ["GET", "/_cluster/health/causeway-audit?wait_for_status=yellow", "_cluster"],
    ["PUT", "/causeway-triage", "PUT /{index}"],
  ])("%s %s is %s", (method, path, operation) => {
    expect(elasticsearchOperation(method, path)).toBe(operation);
  });
});
