import type { Client } from "@elastic/elasticsearch";
import { writeCoverage, type Coverage } from "@/lib/elastic/coverage";
import { errorMessage, type Logger } from "@/lib/log";

const RETRY_MS = 2_000;

/**
 * Keeps the coverage index up to date off the ingest path: acknowledged offsets are noted, and
 * one write at a time carries the latest per partition, so a busy collector sends one small
 * request per bulk at most and never waits for it.
 */
export class CoverageWriter {
  private readonly pending = new Map<string, Coverage>();
  private writing: Promise<void> | null = null;
  private retry: NodeJS.Timeout | undefined;
  private retryScheduled = false;
  private failing = false;

  constructor(
    private readonly es: Client,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  note(entry: Coverage): void {
    this.merge(entry);
    this.kick();
  }

  /** Waits for what has been noted so far to be written (or to fail). */
  async drain(): Promise<void> {
    clearTimeout(this.retry);
    this.retryScheduled = false;
    while (this.writing) await this.writing;
    if (this.pending.size > 0) await this.write();
  }

  private merge(entry: Coverage): void {
    const key = `${entry.topic}\u0000${entry.partition}`;
    const known = this.pending.get(key);
    if (!known || BigInt(entry.offset) >= BigInt(known.offset)) this.pending.set(key, entry);
  }

  private kick(): void {
    if (this.writing || this.retryScheduled || this.pending.size === 0) return;
    this.writing = this.write().finally(() => {
      this.writing = null;
      this.kick();
    });
  }

  private async write(): Promise<void> {
    const entries = [...this.pending.values()];
    this.pending.clear();
    try {
      await writeCoverage(this.es, this.prefix, entries);
      if (this.failing) this.log.info("coverage updates resumed");
      this.failing = false;
    } catch (error) {
      for (const entry of entries) this.merge(entry);
      if (!this.failing) {
        this.log.warn("coverage update failed; will retry", { error: errorMessage(error) });
      }
      this.failing = true;
      this.retryScheduled = true;
      this.retry = setTimeout(() => {
        this.retryScheduled = false;
        this.kick();
      }, RETRY_MS);
      this.retry.unref();
    }
  }
}
