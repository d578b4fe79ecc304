/**
 * Where to send someone after signing in: only a path on this site, so a crafted link to the
 * sign-in page cannot forward a fresh session to somewhere else.
 */
export function safeReturnPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/")) return "/";
  if (next.startsWith("//") || next.startsWith("/\\")) return "/";
  if ([...next].some((c) => c.charCodeAt(0) < 0x20)) return "/";
  if (next === "/login" || next.startsWith("/login?")) return "/";
  return next;
}
