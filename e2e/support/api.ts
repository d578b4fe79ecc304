import { Chain } from "@/lib/chain/chain";
import { apiFetch } from "@/lib/testing/real-stack";

/**
 * Polls the chain API until `ready` accepts the chain: the collector indexes asynchronously, so
 * a test waits for the data it produced rather than sleeping.
 */
export async function waitForChain(
  correlationId: string,
  ready: (chain: Chain) => boolean,
  timeoutMs = 60_000,
): Promise<Chain> {
  const deadline = Date.now() + timeoutMs;
  let last: Chain | null = null;
  while (Date.now() < deadline) {
    const response = await apiFetch(`/api/chains/${encodeURIComponent(correlationId)}`);
    if (response.ok) {
      last = Chain.parse(await response.json());
      if (ready(last)) return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `chain ${correlationId} not ready after ${timeoutMs} ms; last seen ${last ? `${last.events.length} events` : "nothing"}`,
  );
}
