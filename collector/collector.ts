import type { Client } from "@elastic/elasticsearch";
import { setTimeout as sleep } from "node:timers/promises";
import type { Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { Config } from "@/lib/config/config";
import { decodeRecord } from "@/lib/envelope/decode";
import type { Event } from "@/lib/events/event";
import { errorMessage, type Logger } from "@/lib/log";
import { createBulkBatcher } from "./bulk-batcher";
import { indexBulk } from "./bulk-writer";
import { BulkEncoder, mergeBulks, type EncodedBulk } from "./encoded-bulk";
import { ContractShapes } from "./contract-shapes";
import { coverageWriter } from "./coverage-writer";
import { DlqWebhook } from "./dlq-webhook";
import { ElasticsearchStatus } from "./elasticsearch-state";
import type { CollectorMetrics } from "./metrics";
import { PartitionCommits } from "./partition-commits";
import { RegistryDecoder } from "@/lib/registry/registry-decoder";
import { startSchemaRetry } from "./schema-retry";
import { collectableTopics, sameTopics } from "./topics";

export type CollectorDeps = {
  config: Config;
  kafka: Kafka;
  es: Client;
  log: Logger;
  metrics: CollectorMetrics;
  /**
   * Bulk requests wait for it: the index templates must exist before the first write creates an
   * index. Joining the group does not, so the two overlap at start.
   */
  writesAfter?: Promise<unknown>;
};

export type Collector = {
  /** Stops fetching, lets the batch in flight finish (or gives up after `graceMs`), disconnects. */
  stop(graceMs?: number): Promise<void>;
  subscribedTopics(): readonly string[];
  /** Whether the last bulk request reached Elasticsearch, and why not. */
  elasticsearch: ElasticsearchStatus;
  /** False from a failed topic listing until the next one succeeds. */
  kafkaReachable(): boolean;
};

/** Partitions whose batches are handled at once; Elasticsearch sees at most `bulkInFlight`. */
const PARTITIONS_AT_ONCE = 64;

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
  let kafkaReachable = true;
  // Set when kafkajs gives up on a consumer without restarting it: the next refresh builds anew.
  let consumerDead = false;
  let lastRestart = { error: "", at: 0 };
  const elasticsearch = new ElasticsearchStatus(log, deps.metrics);
  const coverage = coverageWriter(deps.es, config.indexPrefix, log);
  const webhook =
    config.dlqWebhookUrl === null
      ? null
      : new DlqWebhook({
          es: deps.es,
          indexPrefix: config.indexPrefix,
          url: config.dlqWebhookUrl,
          publicUrl: config.publicUrl,
          log,
          metrics: deps.metrics,
        });
  const shapes = new ContractShapes({
    es: deps.es,
    indexPrefix: config.indexPrefix,
    publicUrl: config.publicUrl,
    log,
    metrics: deps.metrics,
    webhook,
  });

  const registry = config.schemaRegistry ? new RegistryDecoder(config.schemaRegistry) : null;
  const schemaRetry = registry
    ? startSchemaRetry({
        es: deps.es,
        indexPrefix: config.indexPrefix,
        registry,
        intervalMs: config.schemaRegistry?.retryMs ?? 30_000,
        decodeOptions: () => ({
          dlqPattern: config.dlqPattern,
          rawMaxBytes: config.rawMaxBytes,
          mappings: config.mappings,
          now: new Date(),
        }),
        log,
      })
    : null;

  const writesAfter = deps.writesAfter ?? Promise.resolve();
  const batcher = createBulkBatcher<EncodedBulk>({
    maxDocs: config.bulkMaxDocs,
    inFlight: config.bulkInFlight,
    sizeOf: (bulk) => bulk.records.length,
    write: async (bulks, heartbeat) => {
      await writesAfter;
      return indexBulk(mergeBulks(bulks), {
        es: deps.es,
        indexPrefix: config.indexPrefix,
        log,
        metrics: deps.metrics,
        status: elasticsearch,
        aborted: () => aborted,
        heartbeat,
      });
    },
  });

  // Records handed over and not acknowledged yet, at most: enough to keep every bulk slot busy
  // while the next fetch is decoded, few enough that a slow cluster stops the fetching.
  const maxPendingEvents = 2 * config.bulkInFlight * config.bulkMaxDocs;
  const commits = new PartitionCommits(
    (error) =>
      log.warn("offset commit failed; a later one covers it", { error: errorMessage(error) }),
    (partition, error) => {
      log.error("bulk write failed; reading the partition again from its last commit", {
        partition: partition.replace("\u0000", ":"),
        error: errorMessage(error),
      });
      consumerDead = true;
    },
  );
  // False while a consumer is being retired: its batches are left for the next one to read.
  let accepting = true;

  /** Stops the consumer fetching and waits until what it handed over is written and committed. */
  const retire = async (old: Consumer) => {
    accepting = false;
    try {
      old.pause(subscribed.map((topic) => ({ topic })));
    } catch {
      // Not running (it crashed): nothing is fetched anyway.
    }
    await commits.drain();
  };

  const refresh = async () => {
    const topics = collectableTopics(await admin.listTopics(), config.topicPattern);
    if (sameTopics(topics, subscribed) && !consumerDead) return;
    if (consumer) {
      await retire(consumer);
      await consumer.disconnect().catch(() => undefined);
    }
    accepting = true;
    consumer = null;
    consumerDead = false;
    deps.metrics.assignedPartitions = new Map();
    subscribed = topics;
    if (topics.length === 0) return;
    log.info("subscribing", { topics });
    const next = kafka.consumer({
      groupId: config.collectorGroup,
      maxBytesPerPartition: 4 << 20,
      // The broker answers a fetch as soon as a record is there; the wait only matters when idle,
      // where kafkajs' 5 s default made every stop and rebalance wait up to 5 s for the fetch in
      // flight. 500 ms is the Java consumer's default (fetch.max.wait.ms).
      maxWaitTimeInMs: 500,
      sessionTimeout: config.sessionTimeoutMs,
      heartbeatInterval: Math.min(3_000, Math.floor(config.sessionTimeoutMs / 3)),
    });
    next.on(next.events.GROUP_JOIN, ({ payload }) => {
      deps.metrics.assignedPartitions = new Map(Object.entries(payload.memberAssignment));
      log.info("partitions assigned", { assignment: payload.memberAssignment });
    });
    next.on(next.events.CRASH, ({ payload }) => {
      if (payload.restart) {
        // While the broker is away kafkajs restarts the consumer over and over: say so once.
        const error = errorMessage(payload.error);
        if (error !== lastRestart.error || Date.now() - lastRestart.at > 60_000) {
          log.warn("consumer failed; kafkajs restarts it", { error });
          lastRestart = { error, at: Date.now() };
        }
        return;
      }
      log.error("consumer stopped; building a new one", { error: errorMessage(payload.error) });
      if (consumer === next) consumerDead = true;
    });
    await next.connect();
    await next.subscribe({ topics, fromBeginning: true });
    await next.run({
      // Every partition of a fetch at once, so the batcher can merge them into shared bulk
      // requests. Each partition's offsets are committed in order, after acknowledgement.
      partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => handleBatch(payload, next),
    });
    consumer = next;
  };

  /**
   * Decodes a batch and hands it to the batcher without waiting for Elasticsearch, so the next
   * fetch overlaps this one's bulk requests; the commits follow the acknowledgements.
   */
  const handleBatch = async (payload: EachBatchPayload, owner: Consumer) => {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const live = () => accepting && isRunning() && !isStale();
    for (let start = 0; start < batch.messages.length; start += config.bulkMaxDocs) {
      while (live() && batcher.pendingRecords() >= maxPendingEvents) {
        await Promise.race([batcher.nextSettled(), sleep(1_000)]);
        await heartbeat();
      }
      if (!live()) return;
      const chunk = batch.messages.slice(start, start + config.bulkMaxDocs);
      const last = chunk[chunk.length - 1];
      if (!last) continue;
      // Only wire-format bytes wait for the registry, and a failed fetch flags instead of waiting.
      const decoded = registry
        ? await Promise.all(
            chunk.map(async (message) => ({
              value: await registry.decode(message.value, { topic: batch.topic, part: "value" }),
              key: await registry.decode(message.key, { topic: batch.topic, part: "key" }),
            })),
          )
        : null;
      const options = {
        dlqPattern: config.dlqPattern,
        rawMaxBytes: config.rawMaxBytes,
        mappings: config.mappings,
        now: new Date(),
      };
      const encoder = new BulkEncoder();
      // Only these outlive their encoding: dead letters for the webhook, new shapes to learn.
      const noted: Event[] = [];
      chunk.forEach((message, i) => {
        const event = decodeRecord(
          {
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            timestamp: message.timestamp,
            key: message.key,
            value: message.value,
            headers: message.headers ?? {},
            registry: decoded?.[i],
          },
          options,
        );
        encoder.addEvent(config.indexPrefix, event);
        if ((webhook && event.dlq !== null) || shapes.claim(event)) noted.push(event);
      });
      const { topic, partition, highWatermark } = batch;
      const bulk = encoder.finish();
      commits.add(`${topic}\u0000${partition}`, batcher.index(bulk, heartbeat), async () => {
        webhook?.note(noted);
        shapes.note(noted);
        coverage.note({
          topic,
          partition,
          offset: last.offset,
          indexedAt: new Date().toISOString(),
          highWatermark,
        });
        // Commit exactly what Elasticsearch has acknowledged: the next offset to read.
        await owner.commitOffsets([
          { topic, partition, offset: (BigInt(last.offset) + 1n).toString() },
        ]);
      });
      resolveOffset(last.offset);
    }
    await heartbeat();
  };

  let inFlight: Promise<void> = refresh();
  await inFlight;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      inFlight = refresh()
        .then(() => {
          if (!kafkaReachable) log.info("kafka reachable again; resuming");
          kafkaReachable = true;
        })
        .catch((error: unknown) => {
          if (kafkaReachable) {
            log.warn("kafka unreachable; retrying", { error: errorMessage(error) });
          }
          kafkaReachable = false;
        })
        .finally(() => {
          if (!stopped) schedule();
        });
    }, config.topicRefreshMs);
  };
  schedule();

  return {
    subscribedTopics: () => subscribed,
    elasticsearch,
    kafkaReachable: () => kafkaReachable,
    async stop(graceMs = 10_000) {
      stopped = true;
      clearTimeout(timer);
      await schemaRetry?.stop();
      const giveUp = setTimeout(() => {
        aborted = true;
      }, graceMs);
      try {
        await inFlight;
        if (consumer) await retire(consumer);
        await consumer?.disconnect();
        await admin.disconnect();
        await coverage.drain();
        await shapes.drain();
        await webhook?.drain(graceMs);
      } finally {
        clearTimeout(giveUp);
      }
    },
  };
}
