/**
 * Writes one bulk request made of the parts handed over; true once every record is acknowledged,
 * false if aborted.
 */
export type BulkWrite<T> = (parts: T[], heartbeat: () => Promise<void>) => Promise<boolean>;

export type BulkBatcher<T> = {
  /** Resolves with the result of the bulk request that carried this part. */
  index(part: T, heartbeat: () => Promise<void>): Promise<boolean>;
  /** Records handed over and not settled yet: queued, or in a bulk request. */
  pendingRecords(): number;
  /** Resolves when the next bulk request settles, at once when none is pending. */
  nextSettled(): Promise<void>;
};

type Submission<T> = {
  part: T;
  size: number;
  heartbeat: () => Promise<void>;
  resolve: (acknowledged: boolean) => void;
  reject: (error: unknown) => void;
};

/**
 * Merges the records that partitions hand over at about the same time into shared bulk requests,
 * at most `inFlight` at once and about `maxDocs` each. kafkajs fetches every partition together and
 * fetches again only when all of them are done, so one small bulk per partition would make every
 * record wait for the slowest of many round trips; one bulk for all of them keeps records fresh
 * and requests large.
 */
export function createBulkBatcher<T>(settings: {
  maxDocs: number;
  inFlight: number;
  /** How many records a part holds. */
  sizeOf: (part: T) => number;
  write: BulkWrite<T>;
}): BulkBatcher<T> {
  const queue: Submission<T>[] = [];
  let running = 0;
  let scheduled = false;
  let pending = 0;
  let waiters: (() => void)[] = [];

  const takeBulk = (): Submission<T>[] => {
    const taken: Submission<T>[] = [];
    let docs = 0;
    for (let next = queue[0]; next !== undefined; next = queue[0]) {
      if (taken.length > 0 && docs + next.size > settings.maxDocs) break;
      taken.push(next);
      docs += next.size;
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
          taken.map((submission) => submission.part),
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
          pending -= taken.reduce((sum, submission) => sum + submission.size, 0);
          const settled = waiters;
          waiters = [];
          settled.forEach((wake) => wake());
          pump();
        });
    }
  };

  return {
    pendingRecords: () => pending,
    nextSettled() {
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    index(part, heartbeat) {
      const size = settings.sizeOf(part);
      pending += size;
      return new Promise((resolve, reject) => {
        queue.push({ part, size, heartbeat, resolve, reject });
        // Waits out the current turn, so partitions handed over together share one request.
        if (!scheduled) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
  };
}
