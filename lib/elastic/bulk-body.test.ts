import { describe, expect, it } from "vitest";
import { BulkBodyWriter } from "./bulk-body";

describe("BulkBodyWriter", () => {
  it("grows past its first buffer and keeps every byte written, multi-byte text included", () => {
    const writer = new BulkBodyWriter(4);
    const lines = ["first line\n", "Zürich → 東京 😀\n", "x".repeat(1000)];
    const ends = lines.map((line) => writer.writeText(line));
    const body = writer.finish();
    expect(body.toString("utf8")).toBe(lines.join(""));
    expect(ends).toEqual(lines.map((_, i) => Buffer.byteLength(lines.slice(0, i + 1).join(""))));
  });

  it("appends bytes as they are", () => {
    const writer = new BulkBodyWriter(2);
    writer.writeText("a\n");
    const end = writer.writeBytes(Buffer.from([0xe6, 0x9d, 0xb1, 0x0a]));
    expect(end).toBe(6);
    expect(writer.finish()).toEqual(Buffer.from("a\n東\n", "utf8"));
  });
});
