import { z } from "zod";

/** Who may do what: viewers read, operators also triage and replay, admins also administer. */
export const Role = z.enum(["viewer", "operator", "admin"]);
export type Role = z.infer<typeof Role>;

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether someone holding `held` may do what needs `required`. */
export function hasRole(held: Role, required: Role): boolean {
  return rank[held] >= rank[required];
}

/** The most powerful of several roles, or null when there are none. */
export function highestRole(roles: readonly Role[]): Role | null {
  return roles.reduce<Role | null>(
    (best, role) => (best === null || rank[role] > rank[best] ? role : best),
    null,
  );
}

/** A signed-in person or API client, and how they proved it. */
export type Principal = {
  username: string;
  role: Role;
  via: "session" | "api-token" | "trusted-proxy";
};
