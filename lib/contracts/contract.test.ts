import { describe, expect, it } from "vitest";
import type { StoredShape } from "../elastic/shapes";
import { buildContract, type ContractAggregate } from "./contract";
import { inferShape, shapeId } from "./shape";

const v1 = inferShape({ orderId: "o", total: 1 });
const v2 = inferShape({ orderId: "o", total_cents: 100 });
const stored = (fields: typeof v1, firstSeen: string): StoredShape => ({
  contract: "OrderPlaced",
  shapeId: shapeId("OrderPlaced", fields),
  fields: [...fields],
  firstSeen,
  topic: "orders",
});
const s1 = stored(v1, "2026-12-01T10:00:00.000Z");
const s2 = stored(v2, "2026-12-02T10:00:00.000Z");

const aggregate: ContractAggregate = {
  eventType: "OrderPlaced",
  records: 10,
  firstSeen: s1.firstSeen,
  lastSeen: "2026-12-03T00:00:00.000Z",
  topics: ["orders"],
  producers: ["order-service"],
  schemaVersions: ["1", "2"],
  subjects: [],
  schemaMismatches: 0,
  // As Elasticsearch may return them: not in first-seen order.
  shapes: [
    {
      shapeId: s2.shapeId,
      records: 4,
      firstSeen: s2.firstSeen,
      lastSeen: "2026-12-03T00:00:00.000Z",
      schemaVersions: ["2"],
      schemaIds: [],
    },
    {
      shapeId: s1.shapeId,
      records: 6,
      firstSeen: s1.firstSeen,
      lastSeen: "2026-12-02T11:00:00.000Z",
      schemaVersions: ["1"],
      schemaIds: [],
    },
  ],
};

describe("buildContract", () => {
  it("orders shapes by first sight and reports the breaking drift with its consumers", () => {
    const contract = buildContract(
      aggregate,
      new Map([
        [s1.shapeId, s1],
        [s2.shapeId, s2],
      ]),
      new Map([["orders", ["payment-service", "analytics"]]]),
      new Map([[s2.shapeId, 0.8]]),
    );
    expect(contract.versions.map((v) => v.shapeId)).toEqual([s1.shapeId, s2.shapeId]);
    expect(contract.drifts).toHaveLength(1);
    expect(contract.drifts[0]).toMatchObject({
      fromShape: s1.shapeId,
      toShape: s2.shapeId,
      breaking: true,
      removed: [{ path: "total", type: "number" }],
      shareSince: 0.8,
    });
    expect(contract.drifts[0]?.sentence).toContain(
      "consumers of `orders`: analytics, payment-service",
    );
    expect(contract.consumers).toEqual([
      { group: "analytics", topics: ["orders"] },
      { group: "payment-service", topics: ["orders"] },
    ]);
    expect(contract).toMatchObject({ shapeCount: 2, breakingDrifts: 1, consumersError: null });
  });

  it("says why consumers are unknown instead of listing none", () => {
    const contract = buildContract(aggregate, new Map(), { error: "Kafka did not answer" });
    expect(contract.consumers).toEqual([]);
    expect(contract.consumersError).toBe("Kafka did not answer");
    // Without stored fields there is nothing to compare.
    expect(contract.drifts).toEqual([]);
    expect(contract.versions.every((v) => v.fields === null)).toBe(true);
  });
});
