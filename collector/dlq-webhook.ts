import type { Client } from "@elastic/elasticsearch";
import {
  delivered,
  groupCandidates,
  groupNotification,
  notificationClaimId,
  regressionOf,
  worthRetrying,
  type DeliveryAttempt,
  type GroupCandidate,
  type Regression,
} from "@/lib/dlq/webhook";
import {
  claimNotification,
  ensureNotificationsIndex,
  finishNotification,
  type NotificationClaim,
} from "@/lib/elastic/notifications";
import { getTriages, triageDocId } from "@/lib/elastic/triage-store";
import type { Event } from "@/lib/events/event";
import { errorMessage, type Logger } from "@/lib/log";
import { backoffDelay } from "./backoff";
import type { CollectorMetrics } from "./metrics";

export type DlqWebhookDeps = {
  es: Client;
  indexPrefix: string;
  url: string;
  publicUrl: string;
  log: Logger;
  metrics: CollectorMetrics;
};

const TIMEOUT_MS = 5_000;
const MAX_ATTEMPTS = 4;
/** Dead letters waiting to be looked at; past this, new ones are dropped with a warning. */
const MAX_QUEUED = 10_000;
/** Claims known to be made, so a noisy group costs no claim request per batch. */
const MAX_REMEMBERED = 10_000;

/**
 * Sends the DLQ webhook for each failure group's first dead letter, and for the first one after
 * someone closed the group, off the ingest path: the collector hands over acknowledged dead
 * letters and never waits. Each is claimed in Elasticsearch before anything is sent, so across
 * restarts and instances only one POST is made.
 */
export class DlqWebhook {
  private queue: Event[] = [];
  private readonly claimed = new Set<string>();
  private working: Promise<void> | null = null;
  private indexReady: Promise<void> | null = null;
  private dropping = false;
  private readonly abandon = new AbortController();

  constructor(private readonly deps: DlqWebhookDeps) {
    this.ensureIndex().catch(() => undefined);
  }

  /** Takes the dead letters of a batch Elasticsearch has acknowledged. Never throws or waits. */
  note(events: readonly Event[]): void {
    const deadLetters = events.filter((event) => event.dlq !== null);
    if (deadLetters.length === 0 || this.abandon.signal.aborted) return;
    const room = MAX_QUEUED - this.queue.length;
    if (deadLetters.length > room && !this.dropping) {
      this.deps.log.warn("dlq webhook queue full; dead letters skipped for notification", {
        skipped: deadLetters.length - room,
      });
    }
    this.dropping = deadLetters.length > room;
    this.queue.push(...deadLetters.slice(0, Math.max(0, room)));
    this.kick();
  }

  /** Waits for what was noted to be sent, up to `graceMs`; then stops retrying and gives up. */
  async drain(graceMs: number): Promise<void> {
    const giveUp = setTimeout(() => this.abandon.abort(), graceMs);
    try {
      while (this.working) await this.working;
    } finally {
      clearTimeout(giveUp);
      this.abandon.abort();
    }
  }

  private ensureIndex(): Promise<void> {
    this.indexReady ??= ensureNotificationsIndex(this.deps.es, this.deps.indexPrefix).catch(
      (error: unknown) => {
        this.indexReady = null;
        throw error;
      },
    );
    return this.indexReady;
  }

  private kick(): void {
    if (this.working || this.queue.length === 0 || this.abandon.signal.aborted) return;
    this.working = this.work().finally(() => {
      this.working = null;
      // Dead letters noted while the last loop was finishing would otherwise wait for the next.
      this.kick();
    });
  }

  private async work(): Promise<void> {
    // Let the collector's commit go first: the queue is worked on in a later turn.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0 && !this.abandon.signal.aborted) {
      const batch = this.queue;
      this.queue = [];
      const candidates = groupCandidates(batch);
      const triages = await this.groupTriages(candidates);
      for (const candidate of candidates) {
        if (this.abandon.signal.aborted) return;
        const { fingerprint } = candidate.group;
        const triage = triages.get(triageDocId({ kind: "group", fingerprint })) ?? null;
        const regression = regressionOf(triage, candidate.first.timestamp);
        if (this.claimed.has(notificationClaimId(fingerprint, regression?.since ?? null))) continue;
        await this.notify(candidate, regression);
      }
    }
  }

  /**
   * The groups' triage documents. Unread, a group counts as never closed: its first-failure
   * claim is there already, so that sends nothing twice.
   */
  private async groupTriages(candidates: readonly GroupCandidate[]) {
    try {
      return await getTriages(
        this.deps.es,
        this.deps.indexPrefix,
        candidates.map(({ group }) => ({ kind: "group", fingerprint: group.fingerprint })),
      );
    } catch (error) {
      this.deps.log.warn("dlq webhook could not read triage; treating groups as open", {
        error: errorMessage(error),
      });
      return new Map();
    }
  }

  private async notify(candidate: GroupCandidate, regression: Regression | null): Promise<void> {
    const { es, indexPrefix, log } = this.deps;
    const notification = groupNotification(candidate, this.deps.publicUrl, new Date(), regression);
    const claim: NotificationClaim = {
      fingerprint: notification.fingerprint,
      regressedSince: regression?.since ?? null,
      dlqTopic: notification.dlqTopic,
      firstRecordId: notification.firstRecordId,
      correlationId: notification.correlationId,
      claimedAt: notification.at,
      status: "pending",
      httpStatus: null,
      attempts: 0,
      error: null,
      updatedAt: notification.at,
    };
    try {
      await this.ensureIndex();
      const won = await claimNotification(es, indexPrefix, claim);
      this.remember(notificationClaimId(claim.fingerprint, claim.regressedSince));
      if (!won) return;
    } catch (error) {
      // Unclaimed, so the group's next dead letter tries again.
      log.warn("dlq webhook claim failed", {
        fingerprint: claim.fingerprint,
        correlationId: claim.correlationId,
        error: errorMessage(error),
      });
      return;
    }

    const { attempt, attempts } = await this.post(JSON.stringify(notification));
    const outcome: NotificationClaim = {
      ...claim,
      status: delivered(attempt) ? "delivered" : "failed",
      httpStatus: "status" in attempt ? attempt.status : null,
      attempts,
      error: "error" in attempt ? attempt.error : null,
      updatedAt: new Date().toISOString(),
    };
    const fields = {
      event: notification.event,
      fingerprint: outcome.fingerprint,
      dlqTopic: outcome.dlqTopic,
      correlationId: outcome.correlationId,
      httpStatus: outcome.httpStatus,
      attempts,
      ...(outcome.error === null ? {} : { error: outcome.error }),
    };
    this.deps.metrics.dlqWebhooks[outcome.status === "delivered" ? "delivered" : "failed"] += 1;
    if (outcome.status === "delivered") log.info("dlq webhook delivered", fields);
    else log.warn("dlq webhook failed", fields);
    await finishNotification(es, indexPrefix, outcome).catch((error: unknown) => {
      log.warn("dlq webhook outcome not recorded", {
        fingerprint: outcome.fingerprint,
        error: errorMessage(error),
      });
    });
  }

  /**
   * Posts a notification claimed by other means, with the same retries: a contract drift is
   * claimed by storing its new shape, which only one collector can do.
   */
  async deliver(notification: object): Promise<boolean> {
    const { attempt } = await this.post(JSON.stringify(notification));
    return delivered(attempt);
  }

  private async post(body: string): Promise<{ attempt: DeliveryAttempt; attempts: number }> {
    let attempt: DeliveryAttempt = { error: "not sent" };
    let attempts = 0;
    while (attempts < MAX_ATTEMPTS && !this.abandon.signal.aborted) {
      if (attempts > 0) await this.sleep(backoffDelay(attempts));
      attempts += 1;
      attempt = await this.postOnce(body);
      if (delivered(attempt) || !worthRetrying(attempt)) break;
    }
    if (!delivered(attempt) && this.abandon.signal.aborted) {
      attempt = { error: "the collector stopped before the webhook was delivered" };
    }
    return { attempt, attempts };
  }

  private async postOnce(body: string): Promise<DeliveryAttempt> {
    try {
      const response = await fetch(this.deps.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), this.abandon.signal]),
      });
      await response.body?.cancel();
      return { status: response.status };
    } catch (error) {
      return { error: errorMessage(error) };
    }
  }

  private sleep(ms: number): Promise<void> {
    const { signal } = this.abandon;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  private remember(claimId: string): void {
    if (this.claimed.size >= MAX_REMEMBERED) this.claimed.clear();
    this.claimed.add(claimId);
  }
}
