import { Worker } from "node:worker_threads";

/** Length of one busy-then-idle cycle: short, so the load looks steady to the scheduler. */
const PERIOD_MS = 10;

export type CpuBurner = { stop(): Promise<void> };

/**
 * Keeps `cores` of CPU busy doing nothing useful, on threads of this process: the load another
 * process on the same machine would put there. Each thread spins for its share of every
 * period and sleeps the rest; a share above one core is spread over more threads.
 */
export function startCpuBurner(cores: number): CpuBurner {
  const threads = Math.max(1, Math.ceil(cores));
  const duty = Math.min(1, cores / threads);
  const workers = Array.from(
    { length: threads },
    () =>
      new Worker(
        `const { workerData } = require("node:worker_threads");
         const nap = new Int32Array(new SharedArrayBuffer(4));
         for (;;) {
           const start = performance.now();
           while (performance.now() - start < workerData.busyMs) {}
           Atomics.wait(nap, 0, 0, workerData.idleMs);
         }`,
        { eval: true, workerData: { busyMs: duty * PERIOD_MS, idleMs: (1 - duty) * PERIOD_MS } },
      ),
  );
  return {
    async stop() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
