import { describe, expect, it } from "vitest";
import {
  addressAllowed,
  identityFromProxy,
  isValidProxyAddress,
  type TrustedProxySettings,
} from "./trusted-proxy";

const settings: TrustedProxySettings = {
  addresses: ["10.0.0.5", "192.168.1.0/24", "::1"],
  userHeader: "x-forwarded-user",
  groupsHeader: "x-forwarded-groups",
  groupRoles: { sre: "operator", "platform-leads": "admin", eng: "viewer" },
  defaultRole: null,
};

const headers = (user: string | null, groups?: string) =>
  new Headers({
    ...(user === null ? {} : { "x-forwarded-user": user }),
    ...(groups === undefined ? {} : { "x-forwarded-groups": groups }),
  });

describe("trusted-proxy identity", () => {
  it("takes the user and the highest mapped role of their groups from an allowed proxy", () => {
    expect(identityFromProxy(headers("ada", "eng, sre"), "10.0.0.5", settings)).toEqual({
      ok: true,
      username: "ada",
      role: "operator",
    });
    expect(
      identityFromProxy(headers("bo", "platform-leads,eng"), "::ffff:192.168.1.77", settings),
    ).toMatchObject({ role: "admin" });
  });

  it("ignores the headers from an address that is not an allowed proxy", () => {
    for (const peer of ["10.0.0.6", "192.168.2.1", "127.0.0.1", null]) {
      expect(identityFromProxy(headers("ada", "sre"), peer, settings)).toEqual({
        ok: false,
        reason: "untrusted-peer",
      });
    }
  });

  it("refuses a request without a user, and a user without a mapped group unless a default role is set", () => {
    expect(identityFromProxy(headers(null, "sre"), "10.0.0.5", settings)).toMatchObject({
      reason: "no-user",
    });
    expect(identityFromProxy(headers("ada", "marketing"), "10.0.0.5", settings)).toMatchObject({
      reason: "no-role",
    });
    expect(
      identityFromProxy(headers("ada"), "10.0.0.5", { ...settings, defaultRole: "viewer" }),
    ).toMatchObject({ ok: true, role: "viewer" });
  });

  it("matches exact addresses, IPv4 ranges and IPv4-mapped IPv6 peers", () => {
    expect(addressAllowed("::ffff:10.0.0.5", ["10.0.0.5"])).toBe(true);
    expect(addressAllowed("10.1.2.3", ["10.0.0.0/8"])).toBe(true);
    expect(addressAllowed("11.1.2.3", ["10.0.0.0/8"])).toBe(false);
    expect(addressAllowed("8.8.8.8", ["0.0.0.0/0"])).toBe(true);
    expect(addressAllowed("::1", ["127.0.0.1"])).toBe(false);
  });

  it("validates configured addresses", () => {
    expect(isValidProxyAddress("10.0.0.1")).toBe(true);
    expect(isValidProxyAddress("fd00::1")).toBe(true);
    expect(isValidProxyAddress("10.0.0.0/8")).toBe(true);
    expect(isValidProxyAddress("10.0.0.0/33")).toBe(false);
    expect(isValidProxyAddress("proxy.internal")).toBe(false);
  });
});
