import { describe, expect, it } from "vitest";
import { asText } from "./bytes";

describe("asText", () => {
  it("reads UTF-8 text, tabs, newlines and multi-byte characters included", () => {
    const text = 'Zürich\t→ 東京\r\n{"a":1}';
    expect(asText(Buffer.from(text, "utf8"))).toBe(text);
  });

  it("calls valid UTF-8 with NUL or other C0 controls binary", () => {
    expect(asText(Buffer.from([0x00, 0x00, 0x00, 0x03]))).toBeNull();
    expect(asText(Buffer.from("ok\u0001then", "utf8"))).toBeNull();
    expect(asText(Buffer.from("escape\u001b[0m", "utf8"))).toBeNull();
  });

  it("calls bytes that are not UTF-8 binary", () => {
    expect(asText(Buffer.from([0xc3, 0x28]))).toBeNull();
    expect(asText(Buffer.from([0xff, 0xfe, 0x41]))).toBeNull();
  });

  it("reads the empty value as empty text", () => {
    expect(asText(Buffer.alloc(0))).toBe("");
  });
});
