import type { Client } from "@elastic/elasticsearch";
import { driftNotification } from "@/lib/contracts/drift-notification";
import { diffShapes, isBreaking } from "@/lib/contracts/drift";
import { inferShape } from "@/lib/contracts/shape";
import {
  earlierShape,
  ensureShapesIndex,
  storeNewShapes,
  type StoredShape,
} from "@/lib/elastic/shapes";
import type { Event } from "@/lib/events/event";
import { errorMessage, type Logger } from "@/lib/log";
import { BackgroundWriter } from "./background-writer";
import type { DlqWebhook } from "./dlq-webhook";
import type { CollectorMetrics } from "./metrics";

/** Shape ids known to be stored; past this many the set starts over and costs one create each. */
const MAX_KNOWN = 50_000;
const CLAIM_MS = 60_000;

export type ContractShapesDeps = {
  es: Client;
  indexPrefix: string;
  publicUrl: string;
  log: Logger;
  metrics: CollectorMetrics;
  webhook: DlqWebhook | null;
};

/**
 * Learns each contract's payload shapes from acknowledged records, off the ingest path. A record
 * carries its shape's id; the first record of an id not seen before has its fields stored, and
 * when that makes a breaking drift from the contract's previous shape it is counted, logged and
 * sent to the webhook, once across collectors.
 */
export class ContractShapes {
  private readonly known = new Set<string>();
  /** Shapes a record waiting for acknowledgement carries already, and since when (ms). */
  private readonly claimed = new Map<string, number>();
  private readonly writer: BackgroundWriter<StoredShape>;
  private indexReady: Promise<void> | null = null;

  constructor(private readonly deps: ContractShapesDeps) {
    this.writer = new BackgroundWriter<StoredShape>({
      what: "contract shapes",
      log: deps.log,
      key: (shape) => shape.shapeId,
      replaces: (shape, waiting) => shape.firstSeen < waiting.firstSeen,
      write: (shapes) => this.store(shapes),
    });
  }

  /**
   * Whether `event` is to be kept until indexed, for a shape not stored yet; if so, claims that
   * shape. Only the first record of a new shape is: until the first acknowledgement every record
   * of a fetch has a shape not known yet, and keeping them all with their payloads was most of what
   * the collector promoted to its old heap at start. A claim lapses after a minute, so a record
   * lost to a rebalance before its acknowledgement does not keep its shape from being learned.
   */
  claim(event: Event, now = Date.now()): event is Event & { shape: string; contract: string } {
    if (!this.isNew(event)) return false;
    const since = this.claimed.get(event.shape);
    if (since !== undefined && now - since < CLAIM_MS) return false;
    if (this.claimed.size >= MAX_KNOWN) this.claimed.clear();
    this.claimed.set(event.shape, now);
    return true;
  }

  note(events: readonly Event[]): void {
    for (const event of events) {
      if (!this.isNew(event)) continue;
      if (this.known.size >= MAX_KNOWN) this.known.clear();
      this.known.add(event.shape);
      this.claimed.delete(event.shape);
      this.writer.note({
        contract: event.contract,
        shapeId: event.shape,
        fields: [...inferShape(event.payload)],
        firstSeen: event.timestamp,
        topic: event.topic,
      });
    }
  }

  private isNew(event: Event): event is Event & { shape: string; contract: string } {
    return event.shape !== null && event.contract !== null && !this.known.has(event.shape);
  }

  drain(): Promise<void> {
    return this.writer.drain();
  }

  private async store(shapes: StoredShape[]): Promise<void> {
    const { es, indexPrefix } = this.deps;
    // Made here, not at start: collectors embedded in tests and tools write shapes too.
    this.indexReady ??= ensureShapesIndex(es, indexPrefix).catch((error: unknown) => {
      this.indexReady = null;
      throw error;
    });
    await this.indexReady;
    const created = await storeNewShapes(es, indexPrefix, shapes);
    for (const shape of created) {
      await this.report(shape).catch((error: unknown) =>
        this.deps.log.warn("contract drift not judged", {
          contract: shape.contract,
          error: errorMessage(error),
        }),
      );
    }
  }

  private async report(shape: StoredShape): Promise<void> {
    const { es, indexPrefix, log, metrics, webhook, publicUrl } = this.deps;
    const before = await earlierShape(es, indexPrefix, shape);
    if (!before) return;
    const diff = diffShapes(before.fields, shape.fields);
    if (!isBreaking(diff)) return;
    metrics.breakingDrifts.set(
      shape.contract,
      (metrics.breakingDrifts.get(shape.contract) ?? 0) + 1,
    );
    const notification = driftNotification({ before, after: shape, diff, publicUrl });
    log.warn("breaking contract drift", { contract: shape.contract, drift: notification.summary });
    if (webhook && !(await webhook.deliver(notification))) {
      log.warn("contract drift webhook failed", { contract: shape.contract });
    }
  }
}
