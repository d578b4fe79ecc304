import { afterAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { readFlowStats } from "@/lib/elastic/flow-stats";
import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { createKafka } from "@/lib/kafka/client";
import { createLogger } from "@/lib/log";
import { produceLearnedFlow, USUAL_CHAINS } from "@/lib/testing/learned-flow";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import { startCollector, type Collector } from "./collector";
import { startFlowStatsJob, type FlowStatsJob } from "./flow-stats-job";
import { CollectorMetrics } from "./metrics";

const base = testConfig({});
const kafka = createKafka(base.kafkaBrokers, "flowstats-int-test");
const es = createElasticsearch(base.elasticsearchUrl);
const prefix = uniqueName("flowidx");
const stops: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const stop of stops.splice(0)) await stop();
  await es.indices.delete({ index: `${prefix}-*`, expand_wildcards: "all" }).catch(() => undefined);
  await es.indices.deleteIndexTemplate({ name: `${prefix}-events` }).catch(() => undefined);
});

describe("flow-stats job", () => {
  it("learns and stores the event-type graph of the indexed chains", async () => {
    const flow = await produceLearnedFlow(kafka, "flowjob");
    const config = testConfig({
      CAUSEWAY_INDEX_PREFIX: prefix,
      CAUSEWAY_COLLECTOR_GROUP: uniqueName("group"),
      CAUSEWAY_TOPICS: `^${flow.topic}$`,
      CAUSEWAY_TOPIC_REFRESH_MS: "1000",
      CAUSEWAY_FLOWSTATS_INTERVAL_MS: "1000",
    });
    await ensureEventsTemplate(es, prefix);
    const log = createLogger("flowstats-test", () => undefined);
    const collector: Collector = await startCollector({
      config,
      kafka,
      es,
      log,
      metrics: new CollectorMetrics(),
    });
    stops.push(() => collector.stop(1_000));
    const job: FlowStatsJob = startFlowStatsJob({ config, es, log });
    stops.unshift(() => job.stop());

    const stats = await eventually(
      "statistics over every produced chain",
      async () => {
        const stored = await readFlowStats(es, prefix);
        return stored?.chainCount === USUAL_CHAINS + 2 ? stored : null;
      },
      60_000,
    );
    expect(stats.eventCount).toBe(2 * USUAL_CHAINS + 3);
    expect(stats.edges).toEqual([
      expect.objectContaining({
        from: flow.from,
        to: flow.to,
        chains: USUAL_CHAINS + 1,
        fromChains: USUAL_CHAINS + 2,
        p50Ms: 100,
      }),
    ]);
    expect(stats.nodes.map((n) => n.eventType).sort()).toEqual([flow.to, flow.from].sort());
  });
});
