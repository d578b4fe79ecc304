import type { Client } from "@elastic/elasticsearch";
import type { Config } from "../config/config";
import { MAX_SAMPLES_PER_SERIES, recentSeries } from "../elastic/lag-queries";
import { lagRow, roundSpacing, worstFirst, type LagOverview, type LagRow } from "../lag/views";

/** Groups that vanished stay listed, with their last known lag, for this long. */
export const VANISHED_LOOKBACK_MS = 24 * 60 * 60_000;

/** Samples per series: two windows, so a standstill longer than the window is visible. */
export function samplesPerSeries(config: Pick<Config, "lagWindowMs" | "lagSampleMs">): number {
  return Math.min(
    MAX_SAMPLES_PER_SERIES,
    Math.ceil((2 * config.lagWindowMs) / config.lagSampleMs) + 1,
  );
}

export async function getLagOverview(
  es: Client,
  config: Config,
  now = Date.now(),
): Promise<LagOverview> {
  const series = await recentSeries(es, config.indexPrefix, {
    since: now - VANISHED_LOOKBACK_MS,
    perSeries: samplesPerSeries(config),
  });
  const newestSampleAt = Math.max(
    0,
    ...series.map((samples) => Date.parse(samples.at(-1)?.sampledAt ?? "")).filter(Number.isFinite),
  );
  const newest = series.find(
    (samples) => Date.parse(samples.at(-1)?.sampledAt ?? "") === newestSampleAt,
  );
  const timing = {
    windowMs: config.lagWindowMs,
    sampleMs: config.lagSampleMs,
    newestSampleAt,
    roundMs: roundSpacing(newest ?? []),
  };
  const rows = series
    .map((samples) => lagRow(samples, timing))
    .filter((row): row is LagRow => row !== null)
    .sort(worstFirst);
  return {
    generatedAt: new Date(now).toISOString(),
    windowMs: config.lagWindowMs,
    sampleMs: config.lagSampleMs,
    rows,
  };
}
