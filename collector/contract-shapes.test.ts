import type { Client } from "@elastic/elasticsearch";
import { describe, expect, it } from "vitest";
import { decodeRecord } from "@/lib/envelope/decode";
import { rawRecord, testOptions } from "@/lib/envelope/test-record";
import { createLogger } from "@/lib/log";
import { ContractShapes } from "./contract-shapes";
import { CollectorMetrics } from "./metrics";

const order = (id: number, extra: Record<string, unknown> = {}) =>
  decodeRecord(
    rawRecord({
      key: null,
      value: JSON.stringify({ event_id: `e-${id}`, event_type: "OrderPlaced", ...extra }),
      headers: {},
    }),
    testOptions,
  );

// Nothing here reaches Elasticsearch: claims are taken and settled without a write.
const shapes = () =>
  new ContractShapes({
    es: {} as Client,
    indexPrefix: "unit",
    publicUrl: "http://localhost:3000",
    log: createLogger("test", () => undefined),
    metrics: new CollectorMetrics(),
    webhook: null,
  });

describe("ContractShapes.claim", () => {
  it("keeps only the first record of a shape not known yet", () => {
    const learning = shapes();
    expect(learning.claim(order(1), 0)).toBe(true);
    expect(learning.claim(order(2), 10)).toBe(false);
    expect(learning.claim(order(3, { note: "x" }), 20)).toBe(true);
  });

  it("claims a shape again once a claim has waited a minute unacknowledged", () => {
    const learning = shapes();
    expect(learning.claim(order(1), 0)).toBe(true);
    expect(learning.claim(order(2), 59_999)).toBe(false);
    expect(learning.claim(order(3), 60_000)).toBe(true);
  });
});
