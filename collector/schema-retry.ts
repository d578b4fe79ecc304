import { eventFromStored } from "@/lib/events/stored-layout";
import type { Client } from "@elastic/elasticsearch";
import { decodeRecord, type DecodeOptions } from "@/lib/envelope/decode";
import { eventDocument, eventsAlias } from "@/lib/elastic/indices";
import { Event } from "@/lib/events/event";
import { producerHeaders } from "@/lib/events/headers";
import { errorMessage, type Logger } from "@/lib/log";
import { RETRYABLE_FLAGS } from "@/lib/registry/outcome";
import type { RegistryDecoder } from "@/lib/registry/registry-decoder";

/** Documents read again per run: a long outage is worked off over several runs. */
const BATCH = 100;

export type SchemaRetryDeps = {
  es: Client;
  indexPrefix: string;
  registry: RegistryDecoder;
  intervalMs: number;
  decodeOptions: () => DecodeOptions;
  log: Logger;
};

/**
 * Reads again the records indexed while the registry was away or lacked their schema, once it
 * answers, and rewrites their documents decoded. Records whose value was truncated cannot be
 * decoded from what was kept and are left flagged.
 */
export function startSchemaRetry(deps: SchemaRetryDeps): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = () => {
    timer = setTimeout(() => {
      running = retryOnce(deps)
        .then(() => undefined)
        .catch((error: unknown) =>
          deps.log.warn("schema retry failed; trying again later", { error: errorMessage(error) }),
        )
        .finally(() => {
          if (!stopped) schedule();
        });
    }, deps.intervalMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** One pass; returns how many documents were rewritten decoded. */
export async function retryOnce(deps: SchemaRetryDeps): Promise<number> {
  const { es, registry } = deps;
  if (!(await registry.reachable())) return 0;
  registry.forgetUnknown();
  const found = await es.search({
    index: eventsAlias(deps.indexPrefix),
    size: BATCH,
    ignore_unavailable: true,
    allow_no_indices: true,
    query: {
      bool: {
        filter: [{ terms: { flags: [...RETRYABLE_FLAGS] } }],
        must_not: [{ term: { flags: "raw-truncated" } }],
      },
    },
    sort: [{ timestamp: "asc" }],
  });
  let rewritten = 0;
  for (const hit of found.hits.hits) {
    const stored = readStored(hit._source);
    if (stored === null || stored.raw === null) continue;
    const old = { ...stored, raw: stored.raw };
    // Wire-format bytes are never text, so their `raw` is always the `base64:` form.
    const value = fromStored(old.raw, old.flags.includes("confluent-wire-format"));
    const key = old.key === null ? null : fromStored(old.key, old.flags.includes("binary-key"));
    const decoded = {
      value: await registry.decode(value, { topic: old.topic, part: "value" }),
      key: await registry.decode(key, { topic: old.topic, part: "key" }),
    };
    if (!decoded.value?.ok && !decoded.key?.ok) continue;
    const event = decodeRecord(
      {
        topic: old.topic,
        partition: old.partition,
        offset: old.offset,
        timestamp: String(Date.parse(old.timestamp)),
        key,
        value,
        headers: producerHeaders(old.headers),
        registry: decoded,
      },
      deps.decodeOptions(),
    );
    await es.index({
      index: hit._index,
      id: old.id,
      document: eventDocument({ ...event, ingestedAt: old.ingestedAt }),
    });
    rewritten++;
  }
  if (rewritten > 0) deps.log.info("records decoded after a schema retry", { rewritten });
  return rewritten;
}

function fromStored(text: string, binary: boolean): Buffer {
  return binary && text.startsWith("base64:")
    ? Buffer.from(text.slice("base64:".length), "base64")
    : Buffer.from(text, "utf8");
}

/** A stored document as the app reads it, or null when it is not one Causeway wrote. */
function readStored(source: unknown): Event | null {
  try {
    return eventFromStored(source);
  } catch {
    return null;
  }
}
