import type { Header } from "../events/event";
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

/** Where one mask path has got to: `at` segments of it are matched. */
type PathState = { path: MaskPath; at: number };

/** The path is matched in full here; a trailing `**` also matches nothing more. */
function complete({ path, at }: PathState): boolean {
  if (at === path.length) return true;
  return path[at] === "**" && complete({ path, at: at + 1 });
}

/** The states after stepping into the child named `key`. */
function step(state: PathState, key: string, next: PathState[]): void {
  const segment = state.path[state.at];
  if (segment === undefined) return;
  if (segment === "**") {
    next.push(state);
    step({ path: state.path, at: state.at + 1 }, key, next);
    return;
  }
  if (segment === "*" || segment.toLowerCase() === key.toLowerCase()) {
    next.push({ path: state.path, at: state.at + 1 });
  }
}

/**
 * One walk for every path at once, copying only the objects on the way to a masked value: a
 * viewer's 2,000-event chain used to be rebuilt once per configured path.
 */
function walk(node: unknown, states: readonly PathState[]): unknown {
  if (states.length === 0 || !isContainer(node)) return node;
  let copy: Record<string, unknown> | unknown[] | null = null;
  const entries: [string, unknown][] = Array.isArray(node)
    ? node.map((child, i) => [String(i), child])
    : Object.entries(node);
  for (const [key, child] of entries) {
    const next: PathState[] = [];
    for (const state of states) step(state, key, next);
    const masked = child !== null && child !== undefined && next.some(complete);
    const value = masked ? MASKED : walk(child, next);
    if (value === child) continue;
    copy ??= Array.isArray(node) ? [...node] : { ...node };
    (copy as Record<string, unknown>)[key] = value;
  }
  return copy ?? node;
}

export function maskValue<T>(value: T, paths: readonly MaskPath[]): T {
  if (paths.length === 0) return value;
  const whole = paths.some((path) => complete({ path, at: 0 }));
  if (whole && value !== null && value !== undefined) return MASKED as T;
  return walk(
    value,
    paths.map((path) => ({ path, at: 0 })),
  ) as T;
}

type MaskableEvent = { payload: unknown; raw: string | null; headers?: readonly Header[] };

/**
 * Headers are a list of `{key, value}` (a name may repeat), but paths name them as the object
 * they read as: `headers.authorization` masks the value of every `authorization` header.
 */
function maskHeaders(headers: readonly Header[], paths: readonly MaskPath[]): readonly Header[] {
  const inHeaders: PathState[] = [];
  for (const path of paths) step({ path, at: 0 }, "headers", inHeaders);
  if (inHeaders.length === 0) return headers;
  return headers.map((header) => {
    const next: PathState[] = [];
    for (const state of inHeaders) step(state, header.key, next);
    return next.some(complete) ? { ...header, value: MASKED } : header;
  });
}

function maskFields<T extends MaskableEvent>(event: T, paths: readonly MaskPath[]): T {
  if (!event.headers) return maskValue(event, paths);
  const { headers, ...rest } = event;
  return { ...maskValue(rest, paths), headers: maskHeaders(headers, paths) } as unknown as T;
}

/**
 * What a viewer may see of an event. The raw value repeats the payload, so it goes when the
 * payload was decoded; an undecoded JSON raw value gets the payload paths applied at its root.
 * Raw text that is not JSON cannot be masked by path and is returned as it is.
 */
export function maskEvent<T extends MaskableEvent>(event: T, paths: readonly MaskPath[]): T {
  if (paths.length === 0) return event;
  const masked = maskFields(event, paths);
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

/**
 * Event summaries carry no payload, headers or raw value, so only the other paths (such as
 * `dlq.errorMessage`) can match; viewers get those masked like whole events.
 */
export function summariesVisibleTo<T extends object>(
  role: Role,
  events: readonly T[],
  paths: readonly MaskPath[],
): T[] {
  if (role !== "viewer") return [...events];
  // Paths into what summaries leave out match nothing; with the default paths none is left.
  const left = paths.filter((path) => !LEFT_OUT.has(path[0]?.toLowerCase() ?? ""));
  return left.length === 0 ? [...events] : events.map((e) => maskValue(e, left));
}

const LEFT_OUT = new Set(["payload", "headers", "raw"]);
