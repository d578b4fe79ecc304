import { describe, expect, it } from "vitest";
import {
  eventsVisibleTo,
  MASKED,
  maskEvent,
  maskValue,
  parseMaskPaths,
  summariesVisibleTo,
} from "./masking";

const paths = parseMaskPaths(
  "payload.**.email, payload.card.number, headers.authorization, payload.items.*.secret",
);

const event = {
  id: "orders:0:1",
  headers: [
    { key: "Authorization", value: "Bearer abc" },
    { key: "content-type", value: "application/json" },
    { key: "authorization", value: "Bearer again" },
  ],
  payload: {
    orderId: "o-1",
    card: { number: "4111111111111111", brand: "visa" },
    customer: { email: "ada@example.com", name: "Ada" },
    contacts: [{ email: "bo@example.com" }],
    items: [
      { sku: "a", secret: "s1" },
      { sku: "b", secret: "s2" },
    ],
  },
  raw: '{"payload":{"customer":{"email":"ada@example.com"}}}',
};

describe("masking", () => {
  it("masks the configured paths, at any depth for **, through arrays for *", () => {
    const masked = maskEvent(event, paths);
    expect(masked.payload).toEqual({
      orderId: "o-1",
      card: { number: MASKED, brand: "visa" },
      customer: { email: MASKED, name: "Ada" },
      contacts: [{ email: MASKED }],
      items: [
        { sku: "a", secret: MASKED },
        { sku: "b", secret: MASKED },
      ],
    });
    // Every value of a repeated header, matched case-insensitively.
    expect(masked.headers).toEqual([
      { key: "Authorization", value: MASKED },
      { key: "content-type", value: "application/json" },
      { key: "authorization", value: MASKED },
    ]);
  });

  it("leaves the original untouched", () => {
    maskEvent(event, paths);
    expect(event.payload.customer.email).toBe("ada@example.com");
  });

  it("drops the raw value when a payload was decoded from it, as it repeats the payload", () => {
    expect(maskEvent(event, paths).raw).toBeNull();
  });

  it("masks an undecoded JSON raw value with the payload paths, and keeps plain text", () => {
    const undecoded = { payload: null, raw: '{"customer":{"email":"ada@example.com"},"n":1}' };
    expect(JSON.parse(maskEvent(undecoded, paths).raw ?? "")).toEqual({
      customer: { email: MASKED },
      n: 1,
    });
    expect(maskEvent({ payload: null, raw: "plain text" }, paths).raw).toBe("plain text");
  });

  it("masks only for viewers", () => {
    expect(eventsVisibleTo("viewer", [event], paths)[0]?.payload.card.number).toBe(MASKED);
    expect(eventsVisibleTo("operator", [event], paths)[0]).toBe(event);
    expect(eventsVisibleTo("admin", [event], paths)[0]).toBe(event);
  });

  it("masks the paths a summary still carries, such as the DLQ error message, for viewers only", () => {
    const summary = { id: "payments.DLQ:0:3", dlq: { errorMessage: "card 4111 declined" } };
    const dlqPaths = parseMaskPaths("payload.**.email, dlq.errorMessage");
    expect(summariesVisibleTo("viewer", [summary], dlqPaths)).toEqual([
      { id: "payments.DLQ:0:3", dlq: { errorMessage: MASKED } },
    ]);
    expect(summariesVisibleTo("operator", [summary], dlqPaths)[0]).toBe(summary);
    expect(summariesVisibleTo("viewer", [summary], paths)[0]).toBe(summary);
  });

  it("keeps null values and missing paths as they are", () => {
    expect(maskValue({ payload: { email: null } }, paths)).toEqual({ payload: { email: null } });
    expect(maskValue({ other: 1 }, paths)).toEqual({ other: 1 });
  });

  it("lets ** match no segment at all, and masks everything below a trailing **", () => {
    const value = { payload: { email: "a@b.c", deep: { token: "t", keep: 1 } } };
    expect(maskValue(value, parseMaskPaths("payload.**.email, payload.deep.**"))).toEqual({
      payload: { email: MASKED, deep: MASKED },
    });
  });

  it("copies only what leads to a masked value and shares the rest", () => {
    const masked = maskEvent(event, paths);
    expect(masked.payload.card).not.toBe(event.payload.card);
    expect(masked.payload.items[0]).not.toBe(event.payload.items[0]);
    const untouched = { payload: { a: { b: 1 } }, headers: { accept: "x" } };
    const same = maskValue(untouched, paths);
    expect(same).toBe(untouched);
  });

  it("rejects a path with an empty segment", () => {
    expect(() => parseMaskPaths("payload..email")).toThrow(/empty segment/);
  });
});
