import { loadConfig, redactedConfig, ConfigError } from "@/lib/config/config";
import type { AddressInfo } from "node:net";
import { createElasticsearch } from "@/lib/elastic/client";
import { ensureCoverageIndex } from "@/lib/elastic/coverage";
import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { ensureLagTemplate } from "@/lib/elastic/lag-indices";
import { ensureSpansTemplate } from "@/lib/elastic/spans";
import { createKafka } from "@/lib/kafka/client";
import { createLogger, errorMessage } from "@/lib/log";
import { startCollector } from "./collector";
import { startFlowStatsJob } from "./flow-stats-job";
import { startHttpServer } from "./http";
import { startLagSampler } from "./lag-sampler";
import { startOtlpReceiver } from "./otlp-receiver";
import { CollectorMetrics } from "./metrics";
import { createProbes } from "./probes";

/**
 * The collector process. Shutdown order is fixed: stop receiving spans → stop sampling lag →
 * stop fetching → let the batch in flight be acknowledged and committed → disconnect → close
 * the HTTP server.
 */
async function main(): Promise<void> {
  const log = createLogger("collector");
  const config = loadConfig(process.env);
  log.info("starting", { config: redactedConfig(config) });

  const es = createElasticsearch(config.elasticsearchUrl);
  const indicesReady = Promise.all([
    ensureEventsTemplate(es, config.indexPrefix, config.refreshInterval),
    ensureCoverageIndex(es, config.indexPrefix),
    ensureLagTemplate(es, config.indexPrefix),
    ensureSpansTemplate(es, config.indexPrefix),
  ]);
  const metrics = new CollectorMetrics();
  const kafka = createKafka(config.kafkaBrokers, "causeway-collector");
  const [collector, otlp] = await Promise.all([
    startCollector({ config, kafka, es, log, metrics, writesAfter: indicesReady }),
    startOtlpReceiver({
      port: config.otlpPort,
      es,
      indexPrefix: config.indexPrefix,
      log,
      writesAfter: indicesReady,
    }),
    indicesReady,
  ]);
  const probes = createProbes({ config, kafka, es, collector });
  const server = await startHttpServer(config.collectorPort, metrics, probes);
  // Few retries: a topic deleted mid-round should cost one round, not a minute of backoff.
  const lagKafka = createKafka(config.kafkaBrokers, "causeway-lag-sampler", { retries: 1 });
  const lagSampler = startLagSampler({ config, kafka: lagKafka, es, log });
  const flowStats = startFlowStatsJob({ config, es, log });
  const { port } = server.address() as AddressInfo;
  const otlpPort = (otlp.address() as AddressInfo).port;
  log.info("running", {
    metrics: `http://127.0.0.1:${port}/metrics`,
    otlp: `http://127.0.0.1:${otlpPort}/v1/traces`,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping", { signal });
    await new Promise((resolve) => otlp.close(resolve));
    await lagSampler.stop();
    await collector.stop();
    await flowStats.stop();
    await probes.close();
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
