import { describe, expect, it } from "vitest";
import { freshness, SearchParams, summaryLine } from "./search";

describe("summaryLine", () => {
  it("puts the opening type, size, services, dead letters and span on one line", () => {
    expect(
      summaryLine({
        correlationId: "order-1",
        eventCount: 12,
        firstAt: "2024-05-01T12:00:00.000Z",
        lastAt: "2024-05-01T12:00:02.300Z",
        firstEventType: "OrderPlaced",
        services: ["order-service", "payment-service"],
        deadLettered: 1,
      }),
    ).toBe(
      "OrderPlaced · 12 events · order-service and payment-service · 1 dead-lettered · over 2.3 s",
    );
  });
});

describe("freshness", () => {
  it("says how far behind the index is", () => {
    const now = Date.parse("2024-05-01T12:00:03.000Z");
    expect(freshness("2024-05-01T12:00:00.000Z", now, "ingestedAt")).toEqual({
      indexedUpTo: "2024-05-01T12:00:00.000Z",
      behindMs: 3000,
      source: "ingestedAt",
      message: "indexed up to 3 s ago",
    });
    expect(freshness(null, now, "ingestedAt").message).toBe("nothing is indexed yet");
  });
});

describe("SearchParams", () => {
  it("rejects an empty query, a bad date and a reversed range", () => {
    const base = { q: "order-1", from: null, to: null };
    expect(SearchParams.safeParse({ ...base, q: "  " }).success).toBe(false);
    expect(SearchParams.safeParse({ ...base, from: "yesterday" }).success).toBe(false);
    expect(
      SearchParams.safeParse({ ...base, from: "2024-05-02T00:00:00Z", to: "2024-05-01T00:00:00Z" })
        .success,
    ).toBe(false);
    expect(SearchParams.parse(base)).toEqual({ ...base, limit: 20 });
  });
});
