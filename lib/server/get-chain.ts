import type { Client } from "@elastic/elasticsearch";
import { buildChain } from "../chain/build";
import type { Chain } from "../chain/chain";
import { findChainEvents } from "../elastic/chains";

/** The chain of one correlation id, or null when nothing with that id is indexed. */
export async function getChain(
  es: Client,
  indexPrefix: string,
  correlationId: string,
): Promise<Chain | null> {
  const { events } = await findChainEvents(es, indexPrefix, correlationId);
  return events.length === 0 ? null : buildChain(correlationId, events);
}
