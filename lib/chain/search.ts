/** Search answers: chains with a one-line summary, and how far the index is behind. */
import { z } from "zod";
import { count, duration, listOf } from "./describe";

export const SearchMatch = z.enum(["correlationId", "eventId", "key", "topic", "payload"]);
export type SearchMatch = z.infer<typeof SearchMatch>;

export const ChainSummary = z.object({
  correlationId: z.string(),
  /** What the query matched in this chain. */
  matchedOn: z.array(SearchMatch),
  eventCount: z.number().int(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  /** The earliest event's type, which usually names the transaction (e.g. OrderPlaced). */
  firstEventType: z.string().nullable(),
  services: z.array(z.string()),
  deadLettered: z.number().int(),
  summary: z.string(),
});
export type ChainSummary = z.infer<typeof ChainSummary>;

export const IndexFreshness = z.object({
  /** The newest point the collector has indexed, null when nothing is indexed. */
  indexedUpTo: z.string().nullable(),
  /** How long ago that was when the answer was given. */
  behindMs: z.number().nullable(),
  /** Where `indexedUpTo` comes from: the collector's coverage record or the newest ingestedAt. */
  source: z.enum(["coverage", "ingestedAt"]),
  /** "indexed up to 3 s ago". */
  message: z.string(),
});
export type IndexFreshness = z.infer<typeof IndexFreshness>;

/** The body of `GET /api/search`. */
export const SearchResponse = z.object({
  query: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  results: z.array(ChainSummary),
  /** More chains matched than are listed. */
  more: z.boolean(),
  freshness: IndexFreshness,
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export function summaryLine(chain: Omit<ChainSummary, "summary" | "matchedOn">): string {
  const span =
    chain.firstAt !== null && chain.lastAt !== null
      ? Date.parse(chain.lastAt) - Date.parse(chain.firstAt)
      : Number.NaN;
  return [
    chain.firstEventType ?? "untyped",
    `${count(chain.eventCount)} ${chain.eventCount === 1 ? "event" : "events"}`,
    chain.services.length === 0 ? null : listOf(chain.services),
    chain.deadLettered === 0 ? null : `${count(chain.deadLettered)} dead-lettered`,
    Number.isFinite(span) && chain.eventCount > 1 ? `over ${duration(span)}` : null,
  ]
    .filter((part) => part !== null)
    .join(" · ");
}

export function freshness(
  indexedUpTo: string | null,
  now: number,
  source: IndexFreshness["source"],
): IndexFreshness {
  const at = indexedUpTo === null ? Number.NaN : Date.parse(indexedUpTo);
  if (!Number.isFinite(at)) {
    return { indexedUpTo: null, behindMs: null, source, message: "nothing is indexed yet" };
  }
  const behindMs = Math.max(0, now - at);
  return { indexedUpTo, behindMs, source, message: `indexed up to ${duration(behindMs)} ago` };
}

/** `GET /api/search` parameters; `q` is a value to look for, never query syntax. */
export const SearchParams = z
  .object({
    q: z
      .string()
      .trim()
      .min(1, "q is empty: give a correlation id, event id, message key, topic or payload text")
      .max(512, "q is longer than 512 characters"),
    from: z.iso.datetime({ offset: true, message: "from must be an ISO date-time" }).nullable(),
    to: z.iso.datetime({ offset: true, message: "to must be an ISO date-time" }).nullable(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine(({ from, to }) => from === null || to === null || Date.parse(from) <= Date.parse(to), {
    message: "from must not be after to",
  });
export type SearchParams = z.infer<typeof SearchParams>;
