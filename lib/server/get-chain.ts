import type { Client } from "@elastic/elasticsearch";
import { buildChain } from "../chain/build";
import type { Chain } from "../chain/chain";
import type { FlowStats } from "../chain/flows";
import type { Config } from "../config/config";
import { findChainSummaries } from "../elastic/chains";
import { findSpansOfTraces } from "../elastic/spans";

/**
 * The chain of one correlation id, or null when nothing with that id is indexed, with the
 * kept spans of the traces its records were sent in. With flow statistics, `slow-hop` and
 * `missing-step` are judged as of `now`.
 */
export async function getChain(
  es: Client,
  indexPrefix: string,
  correlationId: string,
  learning?: { stats: FlowStats | null; learn: Config["learn"]; now: number },
): Promise<Chain | null> {
  const { events, truncated } = await findChainSummaries(es, indexPrefix, correlationId);
  if (events.length === 0) return null;
  const traceIds = [...new Set(events.flatMap((event) => event.trace?.traceId ?? []))];
  const spans = await findSpansOfTraces(es, indexPrefix, traceIds);
  const learned =
    learning?.stats == null
      ? undefined
      : { stats: learning.stats, now: learning.now, ...learning.learn };
  return buildChain(correlationId, events, { learned, truncated, spans });
}
