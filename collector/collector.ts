import type { Client } from "@elastic/elasticsearch";
import type { Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { Config } from "@/lib/config/config";
import { decodeRecord } from "@/lib/envelope/decode";
import { errorMessage, type Logger } from "@/lib/log";
import { indexEvents } from "./bulk-writer";
import type { CollectorMetrics } from "./metrics";
import { collectableTopics, sameTopics } from "./topics";

export type CollectorDeps = {
  config: Config;
  kafka: Kafka;
  es: Client;
  log: Logger;
  metrics: CollectorMetrics;
};

export type Collector = {
  /** Stops fetching, lets the batch in flight finish (or gives up after `graceMs`), disconnects. */
  stop(graceMs?: number): Promise<void>;
  subscribedTopics(): readonly string[];
};

/**
 * Tails every collectable topic into Elasticsearch. kafkajs fixes a subscription when the
 * consumer starts, so new topics are found by polling the topic list and restarting the
 * consumer with the new set.
 */
export async function startCollector(deps: CollectorDeps): Promise<Collector> {
  const { config, kafka, log } = deps;
  const admin = kafka.admin();
  await admin.connect();
  let consumer: Consumer | null = null;
  let subscribed: string[] = [];
  let aborted = false;
  let stopped = false;

  const refresh = async () => {
    const topics = collectableTopics(await admin.listTopics(), config.topicPattern);
    if (sameTopics(topics, subscribed)) return;
    if (consumer) await consumer.disconnect();
    consumer = null;
    subscribed = topics;
    if (topics.length === 0) return;
    log.info("subscribing", { topics });
    const next = kafka.consumer({ groupId: config.collectorGroup, maxBytesPerPartition: 4 << 20 });
    await next.connect();
    await next.subscribe({ topics, fromBeginning: true });
    await next.run({
      // One bulk request in flight per partition being indexed. kafkajs still hands each
      // partition's batches over one at a time, in order, so a partition's commit never passes
      // a record Elasticsearch has not acknowledged.
      partitionsConsumedConcurrently: config.bulkInFlight,
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => handleBatch(payload, next),
    });
    consumer = next;
  };

  const handleBatch = async (payload: EachBatchPayload, owner: Consumer) => {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    for (let start = 0; start < batch.messages.length; start += config.bulkMaxDocs) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + config.bulkMaxDocs);
      const now = new Date();
      const events = chunk.map((message) =>
        decodeRecord(
          {
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            timestamp: message.timestamp,
            key: message.key,
            value: message.value,
            headers: message.headers ?? {},
          },
          {
            dlqPattern: config.dlqPattern,
            rawMaxBytes: config.rawMaxBytes,
            mappings: config.mappings,
            now,
          },
        ),
      );
      const acknowledged = await indexEvents(events, {
        es: deps.es,
        indexPrefix: config.indexPrefix,
        log,
        metrics: deps.metrics,
        aborted: () => aborted,
        heartbeat,
      });
      if (!acknowledged) return;
      const last = chunk[chunk.length - 1];
      if (!last) continue;
      resolveOffset(last.offset);
      // Commit exactly what Elasticsearch has acknowledged: the next offset to read.
      await owner.commitOffsets([
        {
          topic: batch.topic,
          partition: batch.partition,
          offset: (BigInt(last.offset) + 1n).toString(),
        },
      ]);
      await heartbeat();
    }
  };

  let inFlight: Promise<void> = refresh();
  await inFlight;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      inFlight = refresh()
        .catch((error: unknown) =>
          log.warn("topic refresh failed; will try again", { error: errorMessage(error) }),
        )
        .finally(() => {
          if (!stopped) schedule();
        });
    }, config.topicRefreshMs);
  };
  schedule();

  return {
    subscribedTopics: () => subscribed,
    async stop(graceMs = 10_000) {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      const giveUp = setTimeout(() => {
        aborted = true;
      }, graceMs);
      try {
        await consumer?.disconnect();
        await admin.disconnect();
      } finally {
        clearTimeout(giveUp);
      }
    },
  };
}
