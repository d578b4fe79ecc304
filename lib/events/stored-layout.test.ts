import { describe, expect, it } from "vitest";
import { payloadFromRaw, storedPayload } from "./stored-layout";

describe("storedPayload", () => {
  it("stores nothing when the payload is the raw value parsed", () => {
    expect(storedPayload({ raw: '{ "a": [1, 2] }', payload: { a: [1, 2] } })).toEqual({});
    expect(storedPayload({ raw: "not json", payload: null })).toEqual({});
  });

  it("stores the key when the payload is one member of the raw value", () => {
    const raw = '{"eventId":"e-1","payload":{"total":3}}';
    expect(storedPayload({ raw, payload: { total: 3 } })).toEqual({ payloadAt: "payload" });
  });

  it("stores the payload when raw does not give it: binary, cut or decoded otherwise", () => {
    const decoded = { id: 1 };
    expect(storedPayload({ raw: "base64:AAAAAAcC", payload: decoded })).toEqual({
      payload: decoded,
    });
    expect(storedPayload({ raw: '{"total":3', payload: { total: 3 } })).toEqual({
      payload: { total: 3 },
    });
    expect(payloadFromRaw("base64:e30=")).toBeNull();
  });
});
