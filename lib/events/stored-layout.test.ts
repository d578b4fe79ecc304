import { describe, expect, it } from "vitest";
import { payloadBeyondRaw, payloadFromRaw, storedPayload } from "./stored-layout";

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

describe("payloadBeyondRaw", () => {
  it("leaves out every value raw holds as written: its words are raw's words", () => {
    const raw = '{"id":"a-1","n":[15, -3],"ok":true,"at":{"total":12.5},"none":null}';
    const payload = { id: "a-1", n: [15, -3], ok: true, at: { total: 12.5 }, none: null };
    expect(payloadBeyondRaw({ raw, payload })).toBeUndefined();
    expect(payloadBeyondRaw({ raw, payload: payload.at })).toBeUndefined();
    expect(payloadBeyondRaw({ raw: null, payload: null })).toBeUndefined();
  });

  it("keeps, in their places, values raw does not hold: binary, past a cut, decoded otherwise", () => {
    const decoded = { id: 1, name: "abc", tags: ["x"] };
    expect(payloadBeyondRaw({ raw: "base64:AAAAAAcC", payload: decoded })).toEqual(decoded);
    expect(
      payloadBeyondRaw({ raw: '{"a":"kept","b":"cu', payload: { a: "kept", b: "cut" } }),
    ).toEqual({ b: "cut" });
    expect(payloadBeyondRaw({ raw: "plain", payload: "text" })).toBe("text");
  });

  it("keeps numbers raw writes otherwise or only inside a longer number", () => {
    const raw = '{"total":12.50,"qty":15,"big":1e3}';
    expect(payloadBeyondRaw({ raw, payload: { total: 12.5, qty: 5, big: 1000 } })).toEqual({
      total: 12.5,
      qty: 5,
      big: 1000,
    });
  });

  it("keeps strings whose words JSON escapes change, and strings of no words", () => {
    const payload = { note: "two\nlines", quote: 'say "hi"', mark: "!!!", e: "é", word: "ok" };
    const raw =
      '{"note":"two\\nlines","quote":"say \\"hi\\"","mark":"!!!","e":"\\u00e9","word":"ok"}';
    expect(JSON.parse(raw)).toEqual(payload);
    expect(payloadBeyondRaw({ raw, payload })).toEqual({
      note: "two\nlines",
      quote: 'say "hi"',
      mark: "!!!",
      e: "é",
    });
  });
});
