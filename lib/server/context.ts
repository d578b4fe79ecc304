import type { Client } from "@elastic/elasticsearch";
import type { Kafka } from "kafkajs";
import { loadConfig, type Config } from "../config/config";
import { createElasticsearch } from "../elastic/client";
import { timeRequests } from "../elastic/request-timing";
import { elasticsearchRequestSeconds } from "./app-metrics";
import { createKafka } from "../kafka/client";
import { committedOffsetsReader, type CommittedOffsetsReader } from "../kafka/committed-offsets";
import { flowStatsCache, type FlowStatsCache } from "./flow-stats-cache";

export type ServerContext = {
  config: Config;
  es: Client;
  kafka: Kafka;
  offsets: CommittedOffsetsReader;
  flowStats: FlowStatsCache;
};

let context: ServerContext | undefined;

/**
 * The app server's configuration and clients, built once per process on first use so that
 * `next build` does not need a running stack.
 */
export function serverContext(): ServerContext {
  if (!context) {
    const config = loadConfig(process.env);
    const es = createElasticsearch(config.elasticsearchUrl);
    timeRequests(es, (operation, outcome, seconds) =>
      elasticsearchRequestSeconds.observe({ operation, outcome }, seconds),
    );
    const kafka = createKafka(config.kafkaBrokers, "causeway-app");
    context = {
      config,
      es,
      kafka,
      offsets: committedOffsetsReader(kafka, {
        excludeGroups: [config.collectorGroup],
        ignorePattern: config.deliveryIgnoreGroups,
        cacheMs: config.offsetsCacheMs,
      }),
      flowStats: flowStatsCache(es, config.indexPrefix),
    };
  }
  return context;
}
