import { errors, type Client, type estypes } from "@elastic/elasticsearch";
import { withoutPayloadLines } from "@/lib/elastic/events-bulk";
import { errorMessage, type Logger } from "@/lib/log";
import { backoffDelay, retryAfterMs } from "./backoff";
import type { ElasticsearchStatus } from "./elasticsearch-state";
import { BulkEncoder, linesOf, type EncodedBulk } from "./encoded-bulk";
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

/**
 * Indexes the encoded records and resolves only when Elasticsearch has acknowledged every one of
 * them; returns false if shutdown aborted it first. Transient failures (connection, 429, 5xx) are
 * retried with backoff, no writer sooner than a 429's Retry-After; a document Elasticsearch rejects
 * is indexed again without its payload and headers and flagged, so no record is lost for being odd
 * (a dead letter keeps its failure group, so the DLQ board still counts it).
 */
export async function indexBulk(bulk: EncodedBulk, ctx: WriterContext): Promise<boolean> {
  let pending: EncodedBulk | null = bulk;
  let attempt = 0;
  while (pending !== null) {
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

/** Sends one bulk request; what must be sent again, or null when every record is acknowledged. */
async function sendBulk(bulk: EncodedBulk, ctx: WriterContext): Promise<EncodedBulk | null> {
  const started = performance.now();
  // Only each item's outcome comes back: the rest of a 1,000-item answer is parsed for nothing.
  const response = (await ctx.es.transport.request({
    method: "POST",
    path: "/_bulk",
    querystring: { filter_path: "errors,items.*.status,items.*.error" },
    bulkBody: bulk.body,
  })) as estypes.BulkResponse;
  ctx.metrics.observeBulk((performance.now() - started) / 1000);

  const again = new BulkEncoder();
  let throttled = false;
  response.items.forEach((item, i) => {
    const result = item.index;
    const record = bulk.records[i];
    if (!result || !record) return;
    if (!result.error) {
      const { topic, partition, offset, flags } = record;
      ctx.metrics.recordIndexed(topic, partition, offset, flags, Date.parse(record.timestamp));
      return;
    }
    const rejected = bulk.rejected[i] === true;
    if (result.status === 429 || result.status >= 500 || rejected) {
      throttled ||= result.status === 429;
      again.add(linesOf(bulk, i), record, rejected);
      return;
    }
    ctx.log.warn("document rejected; indexing it without payload and headers", {
      id: record.id,
      correlationId: record.correlationId,
      reason: result.error.reason,
    });
    const flags = [...record.flags, "index-rejected" as const];
    again.add(withoutPayloadLines(linesOf(bulk, i).toString("utf8")), { ...record, flags }, true);
  });
  if (again.size > 0) ctx.metrics.bulkFailures += 1;
  ctx.status.set(throttled ? "throttled" : "reachable");
  return again.size > 0 ? again.finish() : null;
}

async function waitWithHeartbeat(ms: number, ctx: WriterContext): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !ctx.aborted()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
    await ctx.heartbeat().catch(() => undefined);
  }
}
