import { afterAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { createKafka } from "@/lib/kafka/client";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import {
  compareWithBroker,
  createTopic,
  indexedRecords,
  startSteadyProducer,
  untilCommitted,
} from "@/lib/testing/stream-fixtures";
import { deleteTestIndices } from "@/lib/testing/cleanup";
import type { Collector } from "./collector";
import { CollectorMetrics } from "./metrics";
import { startTestCollector } from "./test-collector";

const TOTAL = 800;
const PARTITIONS = 4;

const base = testConfig({});
const kafka = createKafka(base.kafkaBrokers, "group-int-test");
const es = createElasticsearch(base.elasticsearchUrl);
const prefix = uniqueName("shared");

afterAll(() => deleteTestIndices(es, prefix));

const assigned = (metrics: CollectorMetrics) =>
  [...metrics.assignedPartitions.values()].flat().sort((a, b) => a - b);

describe("two collector instances in one group", () => {
  it("share the partitions and together index every record exactly once", async () => {
    const topic = uniqueName("shared");
    await createTopic(kafka, topic, PARTITIONS);
    const config = testConfig({
      CAUSEWAY_INDEX_PREFIX: prefix,
      CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
      CAUSEWAY_TOPICS: `^${topic}$`,
      CAUSEWAY_TOPIC_REFRESH_MS: "1000",
    });
    const instances: { metrics: CollectorMetrics; collector: Collector }[] = [];
    try {
      for (let started = 0; started < 2; started += 1) {
        instances.push(await startTestCollector({ config, kafka, es }));
      }
      const [a, b] = instances.map((i) => i.metrics) as [CollectorMetrics, CollectorMetrics];
      await eventually(
        "both instances assigned, the partitions split between them",
        async () => {
          const both = [...assigned(a), ...assigned(b)].sort((x, y) => x - y);
          return (
            assigned(a).length > 0 &&
            assigned(b).length > 0 &&
            both.join() === Array.from({ length: PARTITIONS }, (_, p) => p).join()
          );
        },
        60_000,
      );
      const split = [assigned(a), assigned(b)];

      await startSteadyProducer(kafka, topic, {
        total: TOTAL,
        perTick: 100,
        tickMs: 100,
        partitions: PARTITIONS,
      }).done;
      const ends = await untilCommitted(
        "every record committed",
        kafka,
        { groupId: config.collectorGroup, topic },
        60_000,
      );

      const comparison = compareWithBroker(await indexedRecords(es, prefix, topic), ends);
      expect(comparison).toEqual({ expected: TOTAL, indexed: TOTAL, missing: [], duplicated: [] });
      expect(a.recordsIndexed).toBeGreaterThan(0);
      expect(b.recordsIndexed).toBeGreaterThan(0);
      // Each record went to Elasticsearch from one instance, once.
      expect(a.recordsIndexed + b.recordsIndexed).toBe(TOTAL);
      console.info(
        `[faults] two instances: partitions ${split[0]?.join(",")} | ${split[1]?.join(",")}, ` +
          `records indexed ${a.recordsIndexed} + ${b.recordsIndexed} = ${TOTAL}`,
      );
    } finally {
      await Promise.all(instances.map((i) => i.collector.stop(1_000)));
    }
  }, 120_000);
});
