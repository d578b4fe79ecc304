import { loadConfig, redactedConfig, ConfigError } from "@/lib/config/config";
import { createElasticsearch } from "@/lib/elastic/client";
import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { createKafka } from "@/lib/kafka/client";
import { createLogger, errorMessage } from "@/lib/log";
import { startCollector } from "./collector";
import { startFlowStatsJob } from "./flow-stats-job";
import { startHttpServer } from "./http";
import { CollectorMetrics } from "./metrics";

/**
 * The collector process. Shutdown order is fixed: stop fetching → let the batch in flight be
 * acknowledged and committed → disconnect → close the HTTP server.
 */
async function main(): Promise<void> {
  const log = createLogger("collector");
  const config = loadConfig(process.env);
  log.info("starting", { config: redactedConfig(config) });

  const es = createElasticsearch(config.elasticsearchUrl);
  await ensureEventsTemplate(es, config.indexPrefix);
  const metrics = new CollectorMetrics();
  const server = await startHttpServer(config.collectorPort, metrics);
  const collector = await startCollector({
    config,
    kafka: createKafka(config.kafkaBrokers, "causeway-collector"),
    es,
    log,
    metrics,
  });
  const flowStats = startFlowStatsJob({ config, es, log });
  log.info("running", { metrics: `http://127.0.0.1:${config.collectorPort}/metrics` });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping", { signal });
    await collector.stop();
    await flowStats.stop();
    server.close();
    await es.close();
    log.info("stopped", { recordsIndexed: metrics.recordsIndexed });
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : errorMessage(error);
  createLogger("collector").error("collector failed to start", { error: message });
  process.exit(1);
});
