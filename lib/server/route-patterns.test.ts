import { describe, expect, it } from "vitest";
import { routeMatcher, UNKNOWN_ROUTE } from "./route-patterns";

// The shape of Next's .next/routes-manifest.json, with entries as Next writes them.
const route = routeMatcher({
  staticRoutes: [{ page: "/" }, { page: "/api/dlq" }, { page: "/dlq" }],
  dynamicRoutes: [
    { page: "/api/chains/[correlationId]", regex: "^/api/chains/([^/]+?)(?:/)?$" },
    { page: "/api/chains/[correlationId]/lag", regex: "^/api/chains/([^/]+?)/lag(?:/)?$" },
  ],
});

describe("routeMatcher", () => {
  it("names static routes as they are, with or without a trailing slash", () => {
    expect(route("/")).toBe("/");
    expect(route("/api/dlq")).toBe("/api/dlq");
    expect(route("/dlq/")).toBe("/dlq");
  });

  it("names a dynamic route by its pattern, not by the id in the path", () => {
    expect(route("/api/chains/order-42")).toBe("/api/chains/[correlationId]");
    expect(route("/api/chains/order-42/lag")).toBe("/api/chains/[correlationId]/lag");
  });

  it("puts every build asset under one route and anything else under one unknown route", () => {
    expect(route("/_next/static/chunks/abc.js")).toBe("/_next/static");
    expect(route("/wp-admin/setup.php")).toBe(UNKNOWN_ROUTE);
    expect(route("/api/chains/a/b/c")).toBe(UNKNOWN_ROUTE);
  });
});
