import type { Role } from "./roles";

/** Which groups (as the provider names them in `groupsClaim`) make someone an operator or viewer. */
export type OidcRoleMapping = {
  groupsClaim: string;
  operatorGroups: string[];
  viewerGroups: string[];
};

export type OidcSignIn =
  | { ok: true; username: string; role: Role }
  | { ok: false; reason: "no-username" | "no-group"; message: string };

/**
 * Providers send groups as an array of names, some as one comma- or space-separated string
 * (e.g. from a flat LDAP attribute); anything else counts as no groups.
 */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  if (typeof value === "string") return value.split(/[,\s]+/).filter(Boolean);
  return [];
}

function usernameOf(claims: Record<string, unknown>): string | null {
  for (const name of ["preferred_username", "email", "sub"]) {
    const value = claims[name];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return null;
}

/**
 * Turns the provider's claims (ID token and userinfo, merged) into who signs in and with what
 * role. The strongest mapped group wins; a person in no mapped group is refused rather than
 * given a default role, so granting access stays the identity provider's decision.
 */
export function signInFromClaims(
  claims: Record<string, unknown>,
  mapping: OidcRoleMapping,
): OidcSignIn {
  const username = usernameOf(claims);
  if (!username) {
    return {
      ok: false,
      reason: "no-username",
      message: "The identity provider sent no username, email or subject.",
    };
  }
  const groups = new Set(groupsOf(claims[mapping.groupsClaim]));
  if (mapping.operatorGroups.some((g) => groups.has(g))) {
    return { ok: true, username, role: "operator" };
  }
  if (mapping.viewerGroups.some((g) => groups.has(g)))
    return { ok: true, username, role: "viewer" };
  return {
    ok: false,
    reason: "no-group",
    message: `${username} is in no group that may use Causeway; ask an administrator for access.`,
  };
}
