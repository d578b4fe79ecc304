import { errorMessage, type Logger } from "@/lib/log";

const RETRY_MS = 2_000;

export type BackgroundWriterOptions<T> = {
  /** Said in log lines: "coverage update failed", "shapes update resumed". */
  what: string;
  log: Logger;
  /** Entries with the same key replace each other while they wait. */
  key: (entry: T) => string;
  /** Whether `entry` should replace `waiting`, an entry with the same key not written yet. */
  replaces: (entry: T, waiting: T) => boolean;
  write: (entries: T[]) => Promise<void>;
};

/**
 * Keeps a small index up to date off the ingest path: entries are noted, and one write at a time
 * carries the latest per key, so a busy collector sends one small request per bulk at most and
 * never waits for it. A failed write keeps its entries and is retried.
 */
export class BackgroundWriter<T> {
  private readonly pending = new Map<string, T>();
  private writing: Promise<void> | null = null;
  private retry: NodeJS.Timeout | undefined;
  private retryScheduled = false;
  private failing = false;

  constructor(private readonly options: BackgroundWriterOptions<T>) {}

  note(...entries: T[]): void {
    for (const entry of entries) this.merge(entry);
    this.kick();
  }

  /** Waits for what has been noted so far to be written (or to fail). */
  async drain(): Promise<void> {
    clearTimeout(this.retry);
    this.retryScheduled = false;
    while (this.writing) await this.writing;
    if (this.pending.size > 0) await this.write();
  }

  private merge(entry: T): void {
    const key = this.options.key(entry);
    const waiting = this.pending.get(key);
    if (waiting === undefined || this.options.replaces(entry, waiting)) {
      this.pending.set(key, entry);
    }
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
    const { what, log } = this.options;
    try {
      await this.options.write(entries);
      if (this.failing) log.info(`${what} updates resumed`);
      this.failing = false;
    } catch (error) {
      for (const entry of entries) this.merge(entry);
      if (!this.failing)
        log.warn(`${what} update failed; will retry`, { error: errorMessage(error) });
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
