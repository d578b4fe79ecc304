import type { Event } from "@/lib/events/event";

/** Writes one bulk request's events; true once every one is acknowledged, false if aborted. */
export type BulkWrite = (events: Event[], heartbeat: () => Promise<void>) => Promise<boolean>;

export type BulkBatcher = {
  /** Resolves with the result of the bulk request that carried these events. */
  index(events: Event[], heartbeat: () => Promise<void>): Promise<boolean>;
  /** Events handed over and not settled yet: queued, or in a bulk request. */
  pendingEvents(): number;
  /** Resolves when the next bulk request settles, at once when none is pending. */
  nextSettled(): Promise<void>;
};

type Submission = {
  events: Event[];
  heartbeat: () => Promise<void>;
  resolve: (acknowledged: boolean) => void;
  reject: (error: unknown) => void;
};

/**
 * Merges the events that partitions hand over at about the same time into shared bulk requests,
 * at most `inFlight` at once and about `maxDocs` each. kafkajs fetches every partition together and
 * fetches again only when all of them are done, so one small bulk per partition would make every
 * record wait for the slowest of many round trips; one bulk for all of them keeps records fresh
 * and requests large.
 */
export function createBulkBatcher(settings: {
  maxDocs: number;
  inFlight: number;
  write: BulkWrite;
}): BulkBatcher {
  const queue: Submission[] = [];
  let running = 0;
  let scheduled = false;
  let pending = 0;
  let waiters: (() => void)[] = [];

  const takeBulk = (): Submission[] => {
    const taken: Submission[] = [];
    let docs = 0;
    for (let next = queue[0]; next !== undefined; next = queue[0]) {
      if (taken.length > 0 && docs + next.events.length > settings.maxDocs) break;
      taken.push(next);
      docs += next.events.length;
      queue.shift();
    }
    return taken;
  };

  const pump = () => {
    scheduled = false;
    while (running < settings.inFlight && queue.length > 0) {
      const taken = takeBulk();
      running += 1;
      const heartbeats = [...new Set(taken.map((submission) => submission.heartbeat))];
      settings
        .write(
          taken.flatMap((submission) => submission.events),
          async () => {
            await Promise.all(heartbeats.map((heartbeat) => heartbeat()));
          },
        )
        .then(
          (acknowledged) => taken.forEach((submission) => submission.resolve(acknowledged)),
          (error: unknown) => taken.forEach((submission) => submission.reject(error)),
        )
        .finally(() => {
          running -= 1;
          pending -= taken.reduce((sum, submission) => sum + submission.events.length, 0);
          const settled = waiters;
          waiters = [];
          settled.forEach((wake) => wake());
          pump();
        });
    }
  };

  return {
    pendingEvents: () => pending,
    nextSettled() {
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    index(events, heartbeat) {
      pending += events.length;
      return new Promise((resolve, reject) => {
        queue.push({ events, heartbeat, resolve, reject });
        // Waits out the current turn, so partitions handed over together share one request.
        if (!scheduled) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
  };
}
