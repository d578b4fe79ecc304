import type { Logger } from "@/lib/log";
import type { CollectorMetrics } from "./metrics";

/** How the last bulk request fared: the collector logs each change of this once. */
export type ElasticsearchState = "reachable" | "unreachable" | "throttled";

/**
 * Remembers whether Elasticsearch takes our writes, so an outage of any length produces one log
 * line when it starts and one when it ends, instead of one per retry.
 */
export class ElasticsearchStatus {
  state: ElasticsearchState = "reachable";
  reason: string | null = null;
  /** Until when no bulk request may go out: a 429's Retry-After holds for every writer. */
  private holdUntil = 0;

  constructor(
    private readonly log: Logger,
    private readonly metrics: CollectorMetrics,
  ) {}

  set(next: ElasticsearchState, reason?: string): void {
    const previous = this.state;
    this.state = next;
    this.reason = reason ?? null;
    this.metrics.elasticsearchUp = next === "unreachable" ? 0 : 1;
    if (previous === next) return;
    if (next === "unreachable") {
      this.log.warn("elasticsearch unreachable; pausing commits, retrying with backoff", {
        reason,
      });
    } else if (next === "throttled") {
      this.log.warn(
        "elasticsearch is throttling bulk requests (429); pausing commits, backing off",
        {
          reason,
        },
      );
    } else {
      this.log.info("elasticsearch reachable again; resuming", { after: previous });
    }
  }

  /** Asks every writer of this collector to send nothing for `ms`. */
  holdOff(ms: number): void {
    this.holdUntil = Math.max(this.holdUntil, Date.now() + ms);
  }

  /** How long a writer must still wait before its next bulk request. */
  holdRemainingMs(): number {
    return Math.max(0, this.holdUntil - Date.now());
  }
}
