import { afterAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { createKafka } from "@/lib/kafka/client";
import { createLogger } from "@/lib/log";
import { startHttpFaultProxy } from "@/lib/testing/http-fault-proxy";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import {
  committedOffsets,
  compareWithBroker,
  createTopic,
  endOffsets,
  indexedCount,
  indexedRecords,
  sleep,
  startSteadyProducer,
  untilCommitted,
} from "@/lib/testing/stream-fixtures";
import { deleteTestIndices } from "@/lib/testing/cleanup";
import { startCollector } from "./collector";
import { CollectorMetrics } from "./metrics";

const UNREACHABLE = "elasticsearch unreachable; pausing commits, retrying with backoff";
const THROTTLED = "elasticsearch is throttling bulk requests (429); pausing commits, backing off";
const RESUMED = "elasticsearch reachable again; resuming";
const OUTAGE_MS = 60_000;
const RETRY_AFTER_S = 3;
/** A bulk request this soon after a 429 was sent before the collector had read that 429. */
const IN_FLIGHT_TOGETHER_MS = 250;

const base = testConfig({});
const kafka = createKafka(base.kafkaBrokers, "outage-int-test");
const es = createElasticsearch(base.elasticsearchUrl);
const prefix = uniqueName("outage");

afterAll(() => deleteTestIndices(es, prefix));

describe("collector while Elasticsearch is down or throttling", () => {
  it("stops committing, logs each state change once, resumes by itself, honours Retry-After and loses nothing", async () => {
    const topic = uniqueName("es-down");
    await createTopic(kafka, topic, 3);
    const proxy = await startHttpFaultProxy(base.elasticsearchUrl, {
      retryAfterSeconds: RETRY_AFTER_S,
    });
    const config = testConfig({
      ELASTICSEARCH_URL: proxy.url,
      CAUSEWAY_INDEX_PREFIX: prefix,
      CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
      CAUSEWAY_TOPICS: `^${topic}$`,
      CAUSEWAY_TOPIC_REFRESH_MS: "1000",
    });
    await ensureEventsTemplate(es, prefix);
    const lines: { message: string; at: number }[] = [];
    const log = createLogger("collector", (line) =>
      lines.push({ message: (JSON.parse(line) as { message: string }).message, at: Date.now() }),
    );
    const metrics = new CollectorMetrics();
    const collector = await startCollector({
      config,
      kafka,
      es: createElasticsearch(proxy.url),
      log,
      metrics,
    });
    const count = (message: string) => lines.filter((l) => l.message === message).length;
    const testStarted = Date.now();
    const phases: string[] = [];
    const phase = (name: string) =>
      phases.push(`${name} ${Math.round((Date.now() - testStarted) / 1000)} s`);
    try {
      // Records keep arriving for the whole outage: 20/s for about 80 s.
      const producer = startSteadyProducer(kafka, topic, {
        total: 1_400,
        perTick: 5,
        tickMs: 250,
        partitions: 3,
      });
      await eventually(
        "records indexed before the outage",
        async () => ((await indexedCount(es, prefix, topic)) > 0 ? true : null),
        60_000,
      );

      phase("outage from");
      proxy.mode("refuse");
      const outageStarted = Date.now();
      await eventually("the outage noticed", async () => count(UNREACHABLE) === 1);
      const frozen = await committedOffsets(kafka, config.collectorGroup, topic);
      const failuresAtStart = metrics.bulkFailures;
      while (Date.now() - outageStarted < OUTAGE_MS) {
        await sleep(5_000);
        expect(await committedOffsets(kafka, config.collectorGroup, topic)).toEqual(frozen);
      }
      const failedAttempts = metrics.bulkFailures - failuresAtStart;
      const producedDuringOutage = producer.sent();
      proxy.mode("pass");
      phase("to");

      await eventually("the collector resumed", async () => count(RESUMED) === 1, 45_000);
      phase("resumed");
      await producer.done;
      await untilCommitted(
        "every record committed after the outage",
        kafka,
        { groupId: config.collectorGroup, topic },
        60_000,
      );
      expect(count(UNREACHABLE)).toBe(1);
      expect(failedAttempts).toBeGreaterThan(3);

      // A throttling phase: every bulk answered 429 with Retry-After.
      const throttledFrom = proxy.throttled.length;
      phase("all committed");
      proxy.mode("throttle");
      const more = startSteadyProducer(kafka, topic, {
        total: 60,
        perTick: 20,
        tickMs: 200,
        partitions: 3,
      });
      await more.done;
      await eventually(
        "throttled bulk attempts in three rounds",
        async () => {
          const bulks = proxy.throttled
            .slice(throttledFrom)
            .filter((r) => r.path.startsWith("/_bulk"));
          const first = bulks[0];
          const last = bulks[bulks.length - 1];
          return !!first && !!last && last.at - first.at >= 2 * RETRY_AFTER_S * 1000;
        },
        60_000,
      );
      proxy.mode("pass");
      await eventually(
        "the collector resumed after throttling",
        async () => count(RESUMED) === 2,
        60_000,
      );
      const attempts = proxy.throttled
        .slice(throttledFrom)
        .filter((r) => r.path.startsWith("/_bulk"));
      // Partitions are indexed in parallel, so requests already in flight when a 429 comes back
      // arrive together; any request sent after it must wait out the Retry-After.
      const tooSoon = attempts.flatMap((later) =>
        attempts
          .map((throttled) => later.at - throttled.at)
          .filter((ms) => ms >= IN_FLIGHT_TOGETHER_MS && ms < RETRY_AFTER_S * 1000),
      );
      expect(tooSoon).toEqual([]);
      const gaps = attempts.slice(1).map((r, i) => r.at - (attempts[i]?.at ?? 0));
      expect(gaps.filter((gap) => gap >= RETRY_AFTER_S * 1000).length).toBeGreaterThanOrEqual(2);
      expect(count(THROTTLED)).toBe(1);

      phase("throttling over");
      const finalEnds = await endOffsets(kafka, topic);
      const docs = await eventually(
        "every record indexed",
        async () => {
          const found = await indexedRecords(es, prefix, topic);
          return found.length === 1_460 ? found : null;
        },
        60_000,
      );
      const comparison = compareWithBroker(docs, finalEnds);
      expect(comparison).toMatchObject({
        expected: 1_460,
        indexed: 1_460,
        missing: [],
        duplicated: [],
      });
      console.info(
        `[faults] es-down: outage ${OUTAGE_MS / 1000} s, ${producedDuringOutage} produced by its end, ` +
          `${failedAttempts} failed bulk attempts logged as ${count(UNREACHABLE)} line; ` +
          `429 phase: ${attempts.length} attempts, gaps ${gaps.join("/")} ms (Retry-After ${RETRY_AFTER_S} s); ` +
          `${comparison.indexed}/${comparison.expected} indexed, 0 missing, 0 doubled; ${phases.join(", ")}`,
      );
    } finally {
      await collector.stop(1_000);
      await proxy.close();
    }
  }, 240_000);
});
