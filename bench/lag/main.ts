import { randomUUID } from "node:crypto";
import { createLagSampler } from "@/collector/lag-sampler";
import { loadConfig } from "@/lib/config/config";
import { createElasticsearch } from "@/lib/elastic/client";
import { ensureLagTemplate } from "@/lib/elastic/lag-indices";
import { createKafka } from "@/lib/kafka/client";
import { createLogger } from "@/lib/log";

/**
 * `npm run bench:lag`: what one lag sample costs with 200 consumer groups × 50 partitions.
 * Builds that many groups (committed offsets only, no consumers), samples them a few times
 * with the collector's own sampler, and prints the time per sample and the Elasticsearch
 * documents per minute at the configured interval. Cleans up after itself.
 */
const GROUPS = 200;
const PARTITIONS = 50;
const TOPICS = 4;
const ROUNDS = 5;
const COMMITS_AT_ONCE = 25;

async function main(): Promise<void> {
  const run = randomUUID().slice(0, 8);
  const config = loadConfig({ ...process.env, CAUSEWAY_INDEX_PREFIX: `cwbench-lag-${run}` });
  const kafka = createKafka(config.kafkaBrokers, "causeway-bench-lag");
  const admin = kafka.admin();
  const producer = kafka.producer();
  const es = createElasticsearch(config.elasticsearchUrl);
  await Promise.all([admin.connect(), producer.connect()]);
  const topics = Array.from({ length: TOPICS }, (_, i) => `cwbench-lag-${run}-t${i}`);
  const groups = Array.from({ length: GROUPS }, (_, i) => `cwbench-lag-${run}-g${i}`);
  try {
    console.log(`setting up ${GROUPS} groups × ${PARTITIONS} partitions on ${TOPICS} topics…`);
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS })),
    });
    await producer.sendBatch({
      topicMessages: topics.map((topic) => ({
        topic,
        messages: Array.from({ length: PARTITIONS * 4 }, (_, i) => ({
          partition: i % PARTITIONS,
          value: `r${i}`,
        })),
      })),
    });
    console.log(
      `produced ${TOPICS * PARTITIONS * 4} records; committing offsets for ${GROUPS} groups…`,
    );
    // kafkajs commits a group's offsets by joining it, which waits out the broker's initial
    // rebalance delay (3 s): commit many groups at once.
    for (let first = 0; first < groups.length; first += COMMITS_AT_ONCE) {
      await Promise.all(
        groups.slice(first, first + COMMITS_AT_ONCE).map((groupId, j) => {
          const i = first + j;
          return admin.setOffsets({
            groupId,
            topic: topics[i % TOPICS] as string,
            partitions: Array.from({ length: PARTITIONS }, (_, partition) => ({
              partition,
              offset: String((i + partition) % 4),
            })),
          });
        }),
      );
      console.log(`  ${Math.min(first + COMMITS_AT_ONCE, groups.length)} groups committed`);
    }
    await ensureLagTemplate(es, config.indexPrefix);
    const mine = new Set(groups);
    const sampler = createLagSampler({
      config,
      admin,
      es,
      log: createLogger("bench"),
      includeGroup: (groupId) => mine.has(groupId),
    });
    console.log("sampling…");
    await sampler.sampleOnce(); // warm-up: first sight of each topic costs a metadata refresh
    const times: number[] = [];
    let docsPerSample = 0;
    let partitionsPerSample = 0;
    for (let i = 0; i < ROUNDS; i += 1) {
      const started = performance.now();
      const round = await sampler.sampleOnce();
      times.push(performance.now() - started);
      docsPerSample = round.samples;
      partitionsPerSample = round.partitions;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const perMinute = 60_000 / config.lagSampleMs;
    console.log(
      [
        `lag sampler, ${GROUPS} groups × ${PARTITIONS} partitions (${partitionsPerSample} group-partitions), ${ROUNDS} samples`,
        `  time per sample: median ${median.toFixed(0)} ms, min ${times[0]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms`,
        `  documents per sample: ${docsPerSample} (one per group × topic)`,
        `  documents per minute at CAUSEWAY_LAG_SAMPLE_MS=${config.lagSampleMs}: ${Math.round(docsPerSample * perMinute)}` +
          ` (one per partition would be ${Math.round(partitionsPerSample * perMinute)})`,
        `  share of the interval spent sampling: ${((100 * median) / config.lagSampleMs).toFixed(1)} %`,
      ].join("\n"),
    );
  } finally {
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await Promise.all([admin.disconnect(), producer.disconnect()]);
    await es.indices.delete({ index: `${config.indexPrefix}-*`, allow_no_indices: true });
    await es.indices.deleteIndexTemplate({ name: `${config.indexPrefix}-lag` });
    await es.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
