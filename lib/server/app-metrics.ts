import { Counter, Gauge, Histogram, collectDefaultMetrics, register } from "prom-client";
import type { LagOverview } from "../lag/views";

/**
 * The app server's Prometheus metrics, in prom-client's default registry. Route modules are
 * bundled apart, so each metric is looked up before it is made: the registry (prom-client is
 * not bundled) is the one place they all share.
 */
function counter<L extends string>(name: string, help: string, labelNames: readonly L[]) {
  return (
    (register.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter({ name, help, labelNames })
  );
}

function histogram<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: number[],
) {
  return (
    (register.getSingleMetric(name) as Histogram<L> | undefined) ??
    new Histogram({ name, help, labelNames, buckets })
  );
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const globalKey = Symbol.for("causeway.app-metrics.defaults");
const marked = globalThis as { [globalKey]?: true };
if (!marked[globalKey]) {
  marked[globalKey] = true;
  collectDefaultMetrics({ prefix: "causeway_app_" });
}

/** `reason`: `credentials` (wrong username or password) or `throttled` (refused while locked). */
export const signInFailures = counter(
  "causeway_app_sign_in_failures_total",
  "Sign-ins refused, by reason.",
  ["reason"],
);

/** Every request the app server answers, by route pattern (route-patterns.ts). */
export const httpRequestSeconds = histogram(
  "causeway_app_http_request_duration_seconds",
  "Time from a request's arrival to the end of its answer, by method, route and status.",
  ["method", "route", "status"],
  SECONDS_BUCKETS,
);

/** Every request the app makes to Elasticsearch, by operation (`_search`, `_doc`, …). */
export const elasticsearchRequestSeconds = histogram(
  "causeway_app_elasticsearch_request_duration_seconds",
  "Time of each Elasticsearch request the app makes, by operation and outcome.",
  ["operation", "outcome"],
  SECONDS_BUCKETS,
);

function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]) {
  return (
    (register.getSingleMetric(name) as Gauge<L> | undefined) ??
    new Gauge({ name, help, labelNames })
  );
}

const lagStatus = gauge(
  "causeway_lag_status",
  "1 for each consumer group and topic, labelled with its lag status as the lag page shows it (OK, WARN, STALL, REWIND, STOP, ERR).",
  ["group", "topic", "status"],
);
const lagMessages = gauge(
  "causeway_lag_messages",
  "Records the consumer group has not committed yet, per topic.",
  ["group", "topic"],
);
const lagSeconds = gauge(
  "causeway_lag_seconds",
  "How far behind the consumer group is, in seconds, per topic (its worst partition).",
  ["group", "topic"],
);
const lagUp = gauge(
  "causeway_lag_overview_up",
  "Whether this scrape could read the lag samples from Elasticsearch.",
  [],
);

/**
 * The lag page's verdicts as gauges, set at each scrape from the same overview, so alert rules
 * judge lag exactly as the page does. Null when the samples could not be read.
 */
export function setLagGauges(overview: LagOverview | null): void {
  for (const metric of [lagStatus, lagMessages, lagSeconds]) metric.reset();
  lagUp.set(overview ? 1 : 0);
  for (const row of overview?.rows ?? []) {
    if (row.presence === "vanished") continue;
    const labels = { group: row.group, topic: row.topic };
    lagStatus.set({ ...labels, status: row.status }, 1);
    lagMessages.set(labels, row.totalLag);
    if (row.maxLagSeconds !== null) lagSeconds.set(labels, row.maxLagSeconds);
  }
}

export const metricsRegistry = register;
