import type { Role } from "./roles";

/**
 * Masking of sensitive fields for viewers. A mask path is rooted at the event as the API returns
 * it (`payload.customer.email`, `headers.authorization`); `*` matches any one key or index,
 * `**` any number of levels, and keys compare case-insensitively.
 */
export const MASKED = "[masked]";

export type MaskPath = readonly string[];

/** Parses a comma-separated list of dotted paths; throws a sentence naming a bad one. */
export function parseMaskPaths(spec: string): MaskPath[] {
  return spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((path) => {
      const segments = path.split(".");
      if (segments.some((s) => s === ""))
        throw new Error(`mask path "${path}" has an empty segment`);
      return segments;
    });
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

function mapChildren(
  node: Record<string, unknown> | unknown[],
  map: (key: string, child: unknown) => unknown,
) {
  if (Array.isArray(node)) return node.map((child, i) => map(String(i), child));
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, map(key, child)]));
}

function applyPath(node: unknown, path: MaskPath): unknown {
  if (node === null || node === undefined) return node;
  const [head, ...rest] = path;
  if (head === undefined) return MASKED;
  if (!isContainer(node)) return node;
  if (head === "**") {
    const here = applyPath(node, rest);
    return isContainer(here) ? mapChildren(here, (_key, child) => applyPath(child, path)) : here;
  }
  const wanted = head.toLowerCase();
  return mapChildren(node, (key, child) =>
    head === "*" || key.toLowerCase() === wanted ? applyPath(child, rest) : child,
  );
}

/** A copy of `value` with every node at one of `paths` replaced by `[masked]`. */
export function maskValue<T>(value: T, paths: readonly MaskPath[]): T {
  return paths.reduce<unknown>((masked, path) => applyPath(masked, path), value) as T;
}

type MaskableEvent = { payload: unknown; raw: string | null };

/**
 * What a viewer may see of an event. The raw value repeats the payload, so it goes when the
 * payload was decoded; an undecoded JSON raw value gets the payload paths applied at its root.
 * Raw text that is not JSON cannot be masked by path and is returned as it is.
 */
export function maskEvent<T extends MaskableEvent>(event: T, paths: readonly MaskPath[]): T {
  if (paths.length === 0) return event;
  const masked = maskValue(event, paths);
  if (event.raw === null) return masked;
  if (event.payload !== null) return { ...masked, raw: null };
  const payloadPaths = paths.flatMap((p) =>
    p[0]?.toLowerCase() === "payload" ? [p.slice(1)] : [],
  );
  try {
    const parsed: unknown = JSON.parse(event.raw);
    return { ...masked, raw: JSON.stringify(maskValue(parsed, payloadPaths)) };
  } catch {
    return masked;
  }
}

/** Viewers get masked events; operators and admins, who triage and replay, see them whole. */
export function eventsVisibleTo<T extends MaskableEvent>(
  role: Role,
  events: readonly T[],
  paths: readonly MaskPath[],
): T[] {
  return role === "viewer" ? events.map((e) => maskEvent(e, paths)) : [...events];
}
