/**
 * Who is asking. Sign-in does not exist yet, so every caller is recorded as anonymous; the
 * sign-in work replaces this with the role check, one call at the top of each handler.
 */
export type Caller = { name: string };

export function callerOf(_request: Request): Caller {
  return { name: "anonymous" };
}
