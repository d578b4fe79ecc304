import { isIP } from "node:net";
import { highestRole, type Role } from "./roles";

/**
 * Trusted-proxy sign-in (for example behind oauth2-proxy): the proxy authenticates people and
 * passes the user and groups in headers. The headers are believed only when the request comes
 * straight from one of the configured proxy addresses; from anywhere else they are ignored.
 */
export type TrustedProxySettings = {
  /** Addresses or IPv4 CIDR ranges the proxy connects from. */
  addresses: readonly string[];
  userHeader: string;
  groupsHeader: string;
  /** Group name → role; a user's role is the highest of their groups'. */
  groupRoles: Readonly<Record<string, Role>>;
  /** Role of a user none of whose groups is mapped; null refuses them. */
  defaultRole: Role | null;
};

export type ProxyIdentity =
  | { ok: true; username: string; role: Role }
  | { ok: false; reason: "untrusted-peer" | "no-user" | "no-role" };

/** `::ffff:10.0.0.1` is how a dual-stack socket reports the IPv4 peer 10.0.0.1. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

function ipv4ToNumber(address: string): number {
  return address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

export function isValidProxyAddress(entry: string): boolean {
  const [address = "", bits, ...rest] = entry.split("/");
  if (rest.length > 0) return false;
  if (bits === undefined) return isIP(normalizeAddress(address)) !== 0;
  return isIP(address) === 4 && /^\d+$/.test(bits) && Number(bits) <= 32;
}

export function addressAllowed(peer: string, allowed: readonly string[]): boolean {
  const address = normalizeAddress(peer);
  return allowed.some((entry) => {
    const [base = "", bits] = entry.split("/");
    if (bits === undefined) return normalizeAddress(base) === address;
    if (isIP(address) !== 4) return false;
    const prefix = Number(bits);
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    return (ipv4ToNumber(address) & mask) >>> 0 === (ipv4ToNumber(base) & mask) >>> 0;
  });
}

export function identityFromProxy(
  headers: Headers,
  peer: string | null,
  settings: TrustedProxySettings,
): ProxyIdentity {
  if (!peer || !addressAllowed(peer, settings.addresses)) {
    return { ok: false, reason: "untrusted-peer" };
  }
  const username = headers.get(settings.userHeader)?.trim();
  if (!username) return { ok: false, reason: "no-user" };
  const groups = (headers.get(settings.groupsHeader) ?? "")
    .split(",")
    .map((g) => g.trim())
    .filter(Boolean);
  const mapped = groups.flatMap((g) => {
    const role = settings.groupRoles[g];
    return role ? [role] : [];
  });
  const role = highestRole(mapped) ?? settings.defaultRole;
  return role ? { ok: true, username, role } : { ok: false, reason: "no-role" };
}
