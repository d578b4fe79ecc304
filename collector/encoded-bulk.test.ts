import { describe, expect, it } from "vitest";
import type { SentRecord } from "./encoded-bulk";
import { BulkEncoder, linesOf, mergeBulks } from "./encoded-bulk";

const record = (offset: string): SentRecord => ({
  id: `orders:0:${offset}`,
  topic: "orders",
  partition: 0,
  offset,
  correlationId: null,
  flags: [],
  timestamp: "2026-12-01T00:00:00.000Z",
});

function bulkOf(lines: string[], offsets: string[], rejected: boolean[] = []) {
  const encoder = new BulkEncoder();
  lines.forEach((text, i) => encoder.add(text, record(offsets[i] ?? "0"), rejected[i] ?? false));
  return encoder.finish();
}

describe("encoded bulks", () => {
  it("finds each record's lines again in the body, multi-byte text included", () => {
    const bulk = bulkOf(['{}\n{"a":1}\n', '{}\n{"k":"東京"}\n'], ["1", "2"]);
    expect(linesOf(bulk, 0).toString("utf8")).toBe('{}\n{"a":1}\n');
    expect(linesOf(bulk, 1).toString("utf8")).toBe('{}\n{"k":"東京"}\n');
  });

  it("merges bulks into one request whose records and lines stay in order", () => {
    const merged = mergeBulks([
      bulkOf(["a\n", "b\n"], ["1", "2"]),
      bulkOf(["ccc\n"], ["3"], [true]),
    ]);
    expect(merged.body.toString("utf8")).toBe("a\nb\nccc\n");
    expect(merged.records.map((r) => r.offset)).toEqual(["1", "2", "3"]);
    expect(merged.rejected).toEqual([false, false, true]);
    expect(linesOf(merged, 2).toString("utf8")).toBe("ccc\n");
  });

  it("resends lines taken from an earlier body byte for byte", () => {
    const first = bulkOf(["x\n", "é\n"], ["1", "2"]);
    const again = new BulkEncoder();
    again.add(linesOf(first, 1), record("2"));
    expect(again.finish().body).toEqual(Buffer.from("é\n", "utf8"));
  });
});
