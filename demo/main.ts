import { loadConfig } from "../lib/config/config";
import { OrderOutcome } from "./events";
import { describeError, jsonLineLog } from "./log";
import { runOrderStream } from "./order-stream";
import { startShop } from "./shop";

/** `npm run demo`: runs the shop and streams orders into it until SIGINT or SIGTERM. */

const SUMMARY_INTERVAL_MS = 10_000;

async function main(): Promise<void> {
  const log = jsonLineLog();
  const { kafkaBrokers } = loadConfig(process.env);
  const stopRequested = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // Once: a second signal falls through to Node's default and ends the process at once.
    process.once(signal, () => {
      log("info", "stopping the shop", { signal });
      stopRequested.abort();
    });
  }

  const shop = await startShop({ brokers: kafkaBrokers, log });
  try {
    for (const outcome of OrderOutcome.options) {
      if (stopRequested.signal.aborted) break;
      const correlationId = await shop.placeOrder(outcome);
      log("info", "correlation id worth looking at", { correlationId, outcome });
    }
    const summary = setInterval(
      () => log("info", "summary", { ...shop.stats() }),
      SUMMARY_INTERVAL_MS,
    );
    try {
      await runOrderStream(shop, { signal: stopRequested.signal });
    } finally {
      clearInterval(summary);
    }
  } finally {
    await shop.stop();
  }
}

main().catch((error: unknown) => {
  jsonLineLog()("error", "demo failed", { error: describeError(error) });
  process.exitCode = 1;
});
