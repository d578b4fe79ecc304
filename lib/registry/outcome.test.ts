import { describe, expect, it } from "vitest";
import { flagOfFetchError, schemaFormat } from "./outcome";
import { jsonSafe } from "./json-safe";

describe("flagOfFetchError", () => {
  it("reads a 404 as an unknown id and anything else as an unavailable registry", () => {
    expect(flagOfFetchError({ status: 404 })).toBe("schema-unknown");
    expect(flagOfFetchError({ status: 500 })).toBe("schema-unavailable");
    expect(flagOfFetchError(new Error("ECONNREFUSED"))).toBe("schema-unavailable");
    expect(flagOfFetchError(null)).toBe("schema-unavailable");
  });
});

describe("schemaFormat", () => {
  it("maps the registry's schemaType, Avro when absent", () => {
    expect(schemaFormat(undefined)).toBe("avro");
    expect(schemaFormat("AVRO")).toBe("avro");
    expect(schemaFormat("PROTOBUF")).toBe("protobuf");
    expect(schemaFormat("JSON")).toBe("json");
  });
});

describe("jsonSafe", () => {
  it("turns bigint into decimal strings and bytes into base64", () => {
    const out = jsonSafe({
      big: 9007199254740993n,
      bytes: Buffer.from([0, 1, 255]),
      nested: [{ u8: new Uint8Array([65]) }],
      map: new Map([[1, 2n]]),
      gone: undefined,
    });
    expect(out).toEqual({
      big: "9007199254740993",
      bytes: "base64:AAH/",
      nested: [{ u8: "base64:QQ==" }],
      map: { "1": "2" },
      gone: null,
    });
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it("uses a value's own JSON form", () => {
    expect(jsonSafe({ toJSON: () => ({ id: "e1" }) })).toEqual({ id: "e1" });
  });
});
