import { describe, expect, it } from "vitest";
import { signInFromClaims, type OidcRoleMapping } from "./oidc-claims";

const mapping: OidcRoleMapping = {
  groupsClaim: "groups",
  operatorGroups: ["kafka-ops", "sre"],
  viewerGroups: ["devs"],
};

describe("signInFromClaims", () => {
  it("makes an operator of someone in an operator group, even if also in a viewer group", () => {
    expect(
      signInFromClaims({ sub: "1", preferred_username: "ada", groups: ["devs", "sre"] }, mapping),
    ).toEqual({ ok: true, username: "ada", role: "operator" });
  });

  it("makes a viewer of someone only in a viewer group", () => {
    expect(signInFromClaims({ sub: "1", email: "bo@x.io", groups: ["devs"] }, mapping)).toEqual({
      ok: true,
      username: "bo@x.io",
      role: "viewer",
    });
  });

  it("refuses someone in no mapped group, or without the groups claim, saying why", () => {
    for (const claims of [
      { sub: "s-1", groups: ["other"] },
      { sub: "s-1" },
      { sub: "s-1", groups: 7 },
    ]) {
      const result = signInFromClaims(claims, mapping);
      expect(result).toMatchObject({ ok: false, reason: "no-group" });
      expect(!result.ok && result.message).toContain("s-1 is in no group");
    }
  });

  it("reads the claim the mapping names, as an array or a separated string", () => {
    const custom = { ...mapping, groupsClaim: "roles" };
    expect(signInFromClaims({ sub: "c", roles: "devs, kafka-ops" }, custom)).toMatchObject({
      role: "operator",
    });
    expect(signInFromClaims({ sub: "c", groups: ["sre"] }, custom)).toMatchObject({ ok: false });
  });

  it("compares group names exactly", () => {
    expect(signInFromClaims({ sub: "c", groups: ["SRE", "sre-lite"] }, mapping)).toMatchObject({
      ok: false,
    });
  });

  it("refuses claims without any usable name", () => {
    expect(signInFromClaims({ sub: " ", groups: ["sre"] }, mapping)).toMatchObject({
      ok: false,
      reason: "no-username",
    });
  });
});
