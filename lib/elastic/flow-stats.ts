/**
 * The learned flow statistics in Elasticsearch: the job reads recent chains and stores one
 * document; the app reads that document back (cheap), never the chains themselves.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Client, estypes } from "@elastic/elasticsearch";
import { computeFlowStats, FlowStats } from "../chain/flows";
import { Event } from "../events/event";
import { createIndexWhenMissing } from "./create-index";
import { eventsAlias } from "./indices";

export function flowStatsIndex(prefix: string): string {
  return `${prefix}-flowstats`;
}

const LATEST = "latest";
/**
 * Pages small enough to parse in a few tens of milliseconds, each followed by a pause as long as
 * it took: the job runs beside the indexing path (same process, same cluster), so it must never
 * hold either for long. Smaller pages cost more in all, since each page sorts the window anew.
 */
const PAGE = 5_000;
const MIN_PAUSE_MS = 20;

/** The fields the statistics need; the rest of each record is never read. */
const FIELDS = [
  "id",
  "topic",
  "partition",
  "offset",
  "eventId",
  "eventType",
  "correlationId",
  "causationId",
  "occurredAt",
  "timestamp",
  "dlq",
];

export async function ensureFlowStatsIndex(es: Client, prefix: string): Promise<void> {
  await createIndexWhenMissing(es, {
    index: flowStatsIndex(prefix),
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      dynamic: false,
      properties: { computedAt: { type: "date" }, stats: { type: "object", enabled: false } },
    },
  });
}

/** Reads the newest `maxEvents` records of the window and computes the statistics from them. */
export async function computeRecentFlowStats(
  es: Client,
  prefix: string,
  settings: { windowMs: number; maxEvents: number },
  now: number,
): Promise<FlowStats> {
  const start = new Date(now - settings.windowMs).toISOString();
  const end = new Date(now).toISOString();
  const chains = new Map<string, Event[]>();
  let read = 0;
  let truncated = false;
  let after: estypes.SortResults | undefined;
  for (;;) {
    const size = Math.min(PAGE, settings.maxEvents - read);
    if (size <= 0) {
      truncated = true;
      break;
    }
    const pageStarted = performance.now();
    const response = await es.search({
      index: eventsAlias(prefix),
      ignore_unavailable: true,
      allow_no_indices: true,
      size,
      _source: FIELDS,
      track_total_hits: false,
      query: {
        bool: {
          filter: [
            { range: { timestamp: { gte: start, lte: end } } },
            { exists: { field: "correlationId" } },
          ],
        },
      },
      sort: [{ timestamp: "desc" }, { id: "desc" }],
      search_after: after,
    });
    const hits = response.hits.hits;
    for (const hit of hits) {
      const event = partialEvent(hit._source);
      if (!event?.correlationId) continue;
      const chain = chains.get(event.correlationId);
      if (chain) chain.push(event);
      else chains.set(event.correlationId, [event]);
    }
    read += hits.length;
    after = hits.at(-1)?.sort;
    if (hits.length < size || after === undefined) break;
    await sleep(Math.max(MIN_PAUSE_MS, performance.now() - pageStarted));
  }
  return computeFlowStats(chains, { start, end, computedAt: end, truncated });
}

/** Fills the fields the statistics do not read, so the chain code sees whole events. */
function partialEvent(source: unknown): Event | null {
  const parsed = Event.safeParse({
    key: null,
    headers: [],
    ingestedAt: "",
    schemaVersion: null,
    service: null,
    envelope: "none",
    payload: null,
    raw: null,
    valueSize: 0,
    flags: [],
    attempt: null,
    eventId: null,
    eventType: null,
    causationId: null,
    dlq: null,
    ...(source as object),
  });
  return parsed.success ? parsed.data : null;
}

export async function storeFlowStats(es: Client, prefix: string, stats: FlowStats) {
  await es.index({
    index: flowStatsIndex(prefix),
    id: LATEST,
    document: { computedAt: stats.computedAt, stats },
    refresh: true,
  });
}

export async function readFlowStats(es: Client, prefix: string): Promise<FlowStats | null> {
  const response = await es.get<{ stats: unknown }>(
    { index: flowStatsIndex(prefix), id: LATEST },
    { ignore: [404] },
  );
  if (!response.found || !response._source) return null;
  const parsed = FlowStats.safeParse(response._source.stats);
  return parsed.success ? parsed.data : null;
}
