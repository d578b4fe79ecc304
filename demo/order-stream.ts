import { setTimeout as sleep } from "node:timers/promises";
import type { Shop } from "./shop";

export interface OrderStreamOptions {
  ratePerSecond?: number;
  signal: AbortSignal;
}

/**
 * Places orders until `signal` aborts, at `ratePerSecond` on average. Gaps are exponential
 * (a Poisson stream), so traffic has the bursts and lulls that real traffic has.
 */
export async function runOrderStream(
  shop: Shop,
  { ratePerSecond = 2, signal }: OrderStreamOptions,
): Promise<void> {
  if (!(ratePerSecond > 0))
    throw new RangeError(`ratePerSecond must be positive, got ${ratePerSecond}`);
  while (!signal.aborted) {
    const gapMs = (-Math.log(1 - Math.random()) / ratePerSecond) * 1000;
    try {
      await sleep(gapMs, undefined, { signal });
    } catch {
      return;
    }
    // placeOrder has logged the failure; a stream of demo traffic outlives a broker hiccup.
    await shop.placeOrder().catch(() => undefined);
  }
}
