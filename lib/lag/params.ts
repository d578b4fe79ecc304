import { z } from "zod";

/** The inputs of the lag screens and API, parsed in one place for the pages and the handlers. */

export const RANGE_PRESETS = {
  "15m": 15 * 60_000,
  "1h": 60 * 60_000,
  "6h": 6 * 60 * 60_000,
  "24h": 24 * 60 * 60_000,
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export const DEFAULT_RANGE: RangePreset = "15m";

export function parseRangePreset(value: string | string[] | undefined | null): RangePreset {
  return typeof value === "string" && value in RANGE_PRESETS
    ? (value as RangePreset)
    : DEFAULT_RANGE;
}

/** Kafka allows any group id; this only keeps out what cannot be one (and huge inputs). */
export const GroupId = z
  .string()
  .min(1, "the group id is empty")
  .max(512, "the group id is longer than 512 characters")
  .refine(
    (s) => ![...s].some((c) => c.charCodeAt(0) < 0x20),
    "the group id contains control characters",
  );

const MAX_SPAN_MS = 7 * 24 * 60 * 60_000;

const Instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

const TimeRange = z
  .object({ from: Instant.optional(), to: Instant.optional() })
  .transform(({ from, to }, ctx) => {
    const end = to ?? Date.now();
    const start = from ?? end - RANGE_PRESETS[DEFAULT_RANGE];
    if (start >= end) {
      ctx.addIssue({ code: "custom", message: "`from` must be before `to`" });
      return z.NEVER;
    }
    if (end - start > MAX_SPAN_MS) {
      ctx.addIssue({ code: "custom", message: "the range may span at most 7 days" });
      return z.NEVER;
    }
    return { from: start, to: end };
  });

/** `from`/`to` as ISO date-times; by default the last 15 minutes. */
export function parseTimeRange(
  params: URLSearchParams,
): { ok: true; range: { from: number; to: number } } | { ok: false; error: string } {
  const parsed = TimeRange.safeParse({
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
  });
  if (parsed.success) return { ok: true, range: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".");
  return {
    ok: false,
    error: field
      ? `\`${field}\` must be an ISO date-time such as 2026-01-31T12:00:00Z`
      : (issue?.message ?? "bad time range"),
  };
}

/** Route params arrive percent-encoded; a lone `%` is taken as typed. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
