import { errors, type Client, type estypes } from "@elastic/elasticsearch";
import type { Event } from "@/lib/events/event";
import { eventsBulkBody } from "@/lib/elastic/events-bulk";
import { errorMessage, type Logger } from "@/lib/log";
import { backoffDelay, retryAfterMs } from "./backoff";
import type { ElasticsearchStatus } from "./elasticsearch-state";
import type { CollectorMetrics } from "./metrics";

export type WriterContext = {
  es: Client;
  indexPrefix: string;
  log: Logger;
  metrics: CollectorMetrics;
  status: ElasticsearchStatus;
  /** True once shutdown gave up waiting: stop retrying and let the records be redelivered. */
  aborted: () => boolean;
  /** Keeps the consumer's group membership alive while we wait for Elasticsearch. */
  heartbeat: () => Promise<void>;
};

type Pending = { event: Event; rejected: boolean };

/**
 * Indexes the events and resolves only when Elasticsearch has acknowledged every one of them;
 * returns false if shutdown aborted it first. Transient failures (connection, 429, 5xx) are
 * retried with backoff, no writer sooner than a 429's Retry-After; a document Elasticsearch rejects
 * is indexed again without its payload and headers and flagged, so no record is lost for being odd
 * (a dead letter keeps its failure group, so the DLQ board still counts it).
 */
export async function indexEvents(events: Event[], ctx: WriterContext): Promise<boolean> {
  let pending: Pending[] = events.map((event) => ({ event, rejected: false }));
  let attempt = 0;
  while (pending.length > 0) {
    const backoffUntil = Date.now() + (attempt > 0 ? backoffDelay(attempt) : 0);
    // Checked again after each wait: another writer may have been throttled meanwhile.
    for (;;) {
      const waitMs = Math.max(backoffUntil - Date.now(), ctx.status.holdRemainingMs());
      if (waitMs <= 0 || ctx.aborted()) break;
      await waitWithHeartbeat(waitMs, ctx);
    }
    if (ctx.aborted()) return false;
    attempt += 1;
    // A slow bulk (Elasticsearch creating an index under load) must not cost us the group.
    const keepAlive = setInterval(() => void ctx.heartbeat().catch(() => undefined), 1_000);
    try {
      pending = await sendBulk(pending, ctx);
    } catch (error) {
      ctx.metrics.bulkFailures += 1;
      if (error instanceof errors.ResponseError && error.statusCode === 429) {
        // The cluster as a whole is overloaded: every partition's writer waits, not just this one.
        ctx.status.holdOff(retryAfterMs(error.meta.headers?.["retry-after"]) ?? 0);
        ctx.status.set("throttled", errorMessage(error));
      } else {
        ctx.status.set("unreachable", errorMessage(error));
      }
    } finally {
      clearInterval(keepAlive);
    }
  }
  return true;
}

async function sendBulk(pending: Pending[], ctx: WriterContext): Promise<Pending[]> {
  const body = eventsBulkBody(
    ctx.indexPrefix,
    pending.map((entry) => entry.event),
  );
  const started = performance.now();
  // Only each item's outcome comes back: the rest of a 1,000-item answer is parsed for nothing.
  const response = (await ctx.es.transport.request({
    method: "POST",
    path: "/_bulk",
    querystring: { filter_path: "errors,items.*.status,items.*.error" },
    bulkBody: body,
  })) as estypes.BulkResponse;
  ctx.metrics.observeBulk((performance.now() - started) / 1000);

  const again: Pending[] = [];
  let throttled = false;
  response.items.forEach((item, i) => {
    const result = item.index;
    const entry = pending[i];
    if (!result || !entry) return;
    if (!result.error) {
      const { topic, partition, offset, flags } = entry.event;
      ctx.metrics.recordIndexed(topic, partition, offset, flags, Date.parse(entry.event.timestamp));
      return;
    }
    if (result.status === 429 || result.status >= 500 || entry.rejected) {
      throttled ||= result.status === 429;
      again.push(entry);
      return;
    }
    ctx.log.warn("document rejected; indexing it without payload and headers", {
      id: entry.event.id,
      correlationId: entry.event.correlationId,
      reason: result.error.reason,
    });
    again.push({ event: withoutPayload(entry.event), rejected: true });
  });
  if (again.length > 0) ctx.metrics.bulkFailures += 1;
  ctx.status.set(throttled ? "throttled" : "reachable");
  return again;
}

function withoutPayload(event: Event): Event {
  return {
    ...event,
    payload: null,
    headers: [],
    flags: [...event.flags, "index-rejected"],
  };
}

async function waitWithHeartbeat(ms: number, ctx: WriterContext): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !ctx.aborted()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
    await ctx.heartbeat().catch(() => undefined);
  }
}
