import { ensureEventsTemplate } from "@/lib/elastic/indices";
import { createLogger, type Logger } from "@/lib/log";
import { startCollector, type Collector, type CollectorDeps } from "./collector";
import { CollectorMetrics } from "./metrics";

/**
 * The collector as integration tests start it, in their own process: the events template of its
 * prefix made first, its log dropped unless the test reads it, its metrics handed back.
 */
export async function startTestCollector(
  deps: Pick<CollectorDeps, "config" | "kafka" | "es"> & { log?: Logger },
): Promise<{ collector: Collector; metrics: CollectorMetrics }> {
  await ensureEventsTemplate(deps.es, deps.config.indexPrefix);
  const metrics = new CollectorMetrics();
  const collector = await startCollector({
    ...deps,
    log: deps.log ?? createLogger("collector-test", () => undefined),
    metrics,
  });
  return { collector, metrics };
}
