import path from "node:path";
import { describe, expect, it } from "vitest";
import { acceptsGzip, assetFile } from "./static-assets";

const dir = path.resolve("/srv/causeway/.next/static");

describe("assetFile", () => {
  it("maps a build asset's path to its file, without the query string", () => {
    expect(assetFile(dir, "/_next/static/chunks/0abc.js?v=1")).toBe(
      path.join(dir, "chunks", "0abc.js"),
    );
    expect(assetFile(dir, "/_next/static/media/font.woff2")).toBe(
      path.join(dir, "media", "font.woff2"),
    );
  });

  it("refuses paths that climb out of the build's folder, plainly or encoded", () => {
    expect(assetFile(dir, "/_next/static/../../package.json")).toBeNull();
    expect(assetFile(dir, "/_next/static/%2e%2e/%2e%2e/.env")).toBeNull();
    expect(assetFile(dir, "/_next/static/chunks/%2F..%2F..%2Fserver.js")).toBeNull();
  });

  it("leaves other paths, odd encodings and unknown kinds of file to Next", () => {
    expect(assetFile(dir, "/api/chains/x")).toBeNull();
    expect(assetFile(dir, "/_next/static/")).toBeNull();
    expect(assetFile(dir, "/_next/static/chunks/%E0%A4%A.js")).toBeNull();
    expect(assetFile(dir, "/_next/static/chunks/a.js%00.png")).toBeNull();
    expect(assetFile(dir, "/_next/static/BUILD_ID")).toBeNull();
  });
});

describe("acceptsGzip", () => {
  it("accepts gzip listed, with a quality above zero, or through a wildcard", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
  });

  it("refuses no header, gzip missing, or gzip with q=0", () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip("gzip;q=0, br")).toBe(false);
  });
});
