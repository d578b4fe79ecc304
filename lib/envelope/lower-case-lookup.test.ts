import { describe, expect, it } from "vitest";
import { lowerCaseLookup } from "./lower-case-lookup";

describe("lowerCaseLookup", () => {
  it("finds a header whatever the case it was written in", () => {
    const lookup = lowerCaseLookup<string>();
    const headers = { "Correlation-ID": "order-7", "event-id": "e-1" };
    expect(lookup(headers, "correlation-id")).toBe("order-7");
    expect(lookup(headers, "event-id")).toBe("e-1");
    expect(lookup(headers, "causation-id")).toBeUndefined();
  });

  it("answers for the record asked about, not the one before it", () => {
    const lookup = lowerCaseLookup<string>();
    expect(lookup({ "Event-Id": "first" }, "event-id")).toBe("first");
    expect(lookup({ "EVENT-ID": "second" }, "event-id")).toBe("second");
    expect(lookup({}, "event-id")).toBeUndefined();
  });

  it("finds names written in lower case, and nothing the object only inherits", () => {
    const lookup = lowerCaseLookup<string>();
    const headers = { "correlation-id": "order-7", traceparent: "00-a-b-01" };
    expect(lookup(headers, "correlation-id")).toBe("order-7");
    expect(lookup(headers, "traceparent")).toBe("00-a-b-01");
    expect(lookup(headers, "constructor")).toBeUndefined();
    expect(lookup(headers, "tostring")).toBeUndefined();
  });

  it("takes the last of two names that differ only in case, as frameworks read them", () => {
    const lookup = lowerCaseLookup<number>();
    expect(lookup({ Attempt: 1, attempt: 2 }, "attempt")).toBe(2);
  });
});
