import { describe, expect, it } from "vitest";
import { subjectFor } from "./registry-decoder";

describe("subjectFor", () => {
  const candidates = [
    { subject: "payments-value", version: 3 },
    { subject: "orders-shop.OrderPlaced", version: 1 },
    { subject: "orders-value", version: 2 },
  ];

  it("takes the topic's own subject when an id stands under several", () => {
    expect(subjectFor(candidates, { topic: "orders", part: "value" })).toEqual({
      subject: "orders-value",
      version: 2,
    });
  });

  it("takes a subject named after the topic and record, else the first listed", () => {
    expect(subjectFor(candidates, { topic: "orders", part: "key" })).toEqual({
      subject: "orders-shop.OrderPlaced",
      version: 1,
    });
    expect(subjectFor(candidates, { topic: "refunds", part: "value" })).toEqual({
      subject: "payments-value",
      version: 3,
    });
    expect(subjectFor([], undefined)).toEqual({ subject: null, version: null });
  });

  it("prefers the topic's record subject to another topic's or the other part's", () => {
    const listed = [
      { subject: "orders-value", version: 2 },
      { subject: "orders-archive-value", version: 5 },
      { subject: "orders-shop.OrderPlaced", version: 1 },
    ];
    expect(subjectFor(listed, { topic: "orders", part: "key" })).toEqual({
      subject: "orders-shop.OrderPlaced",
      version: 1,
    });
  });
});
