import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type OpenMetricsContentType,
  type PrometheusContentType,
} from "prom-client";
import { ReadFlag } from "@/lib/events/event";

/** Upper bounds (seconds) of the bulk latency histogram: 5 ms to 30 s. */
export const BULK_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Upper bounds (seconds) of the index delay histogram: 50 ms to an hour (catching up). */
export const INDEX_DELAY_SECONDS_BUCKETS = [
  0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 5, 10, 30, 60, 300, 3600,
];

/** What /metrics reads from Kafka at scrape time (absent while Kafka is unreachable). */
export type KafkaGauges = {
  /** The collector group's lag per partition of every collected topic. */
  lag: { topic: string; partition: number; lag: number }[];
  /** Records held in each DLQ topic: high minus low watermark, summed over partitions. */
  dlqDepth: { topic: string; depth: number }[];
};

export type Exposition = { contentType: string; body: string };

/** The metrics that ask the broker at scrape time. */
const KAFKA_GAUGES = ["causeway_kafka_up", "causeway_consumer_lag", "causeway_dlq_depth"];

/**
 * The collector's metrics, exposed with prom-client in the Prometheus text format or, when the
 * scraper asks for it, OpenMetrics. The hot path only adds to plain fields and two histograms;
 * counters and gauges read those fields when scraped, so indexing a record costs no label lookups.
 */
export class CollectorMetrics {
  recordsIndexed = 0;
  bulkFailures = 0;
  /** DLQ webhooks this instance claimed, by how they ended. */
  readonly dlqWebhooks = { delivered: 0, failed: 0 };
  /** Breaking drifts of event contracts this instance found first, by event type. */
  readonly breakingDrifts = new Map<string, number>();
  elasticsearchUp = 1;
  lastIndexedAt: number | null = null;
  readonly flags = new Map<ReadFlag, number>(ReadFlag.options.map((flag) => [flag, 0]));
  /** Highest offset indexed per topic-partition: what "search you can trust" reports. */
  readonly indexedOffsets = new Map<string, string>();
  /** Partitions this instance is assigned, per topic, as of its last group join. */
  assignedPartitions = new Map<string, number[]>();

  private readonly prometheus = new Registry<PrometheusContentType>();
  private readonly openMetrics = new Registry<OpenMetricsContentType>();
  /** The Kafka answer of the scrape being rendered. */
  private kafka: KafkaGauges | null = null;
  private readonly bulkSeconds: Histogram;
  private readonly indexDelay: Histogram;

  constructor() {
    this.openMetrics.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const registers = [this.prometheus, this.openMetrics];
    for (const register of registers)
      collectDefaultMetrics({ register, prefix: "causeway_collector_" });
    type Samples<L extends string> = () => Iterable<[Partial<Record<L, string | number>>, number]>;
    // One counter per registry: prom-client's OpenMetrics rendering strips `_total` from the
    // counter's own name, so a counter shared with the text registry lost it there after the
    // first OpenMetrics scrape (prometheus/client_js#829).
    const counter = <L extends string>(
      name: string,
      help: string,
      labelNames: readonly L[],
      read: Samples<L>,
    ) => {
      for (const register of registers)
        new Counter({
          name,
          help,
          labelNames,
          registers: [register],
          collect() {
            this.reset();
            for (const [labels, value] of read()) this.inc(labels, value);
          },
        });
    };
    const gauge = <L extends string>(
      name: string,
      help: string,
      labelNames: readonly L[],
      read: Samples<L>,
    ) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        collect() {
          this.reset();
          for (const [labels, value] of read()) this.set(labels, value);
        },
      });

    counter(
      "causeway_records_indexed_total",
      "Kafka records acknowledged by Elasticsearch.",
      [],
      () => [[{}, this.recordsIndexed]],
    );
    counter(
      "causeway_decode_flags_total",
      "Records indexed with something unreadable, by kind.",
      ["flag"],
      () => [...this.flags].map(([flag, n]) => [{ flag }, n]),
    );
    this.bulkSeconds = new Histogram({
      name: "causeway_bulk_request_duration_seconds",
      help: "Time of each bulk request to Elasticsearch.",
      buckets: BULK_SECONDS_BUCKETS,
      registers,
    });
    this.indexDelay = new Histogram({
      name: "causeway_index_delay_seconds",
      help: "Time from each record's Kafka timestamp to Elasticsearch acknowledging it; searchable one refresh later.",
      buckets: INDEX_DELAY_SECONDS_BUCKETS,
      registers,
    });
    counter(
      "causeway_bulk_failures_total",
      "Bulk requests that failed, wholly or in part, and were retried.",
      [],
      () => [[{}, this.bulkFailures]],
    );
    counter(
      "causeway_dlq_webhooks_total",
      "DLQ webhooks this instance sent for new failure groups, by outcome.",
      ["outcome"],
      () => [
        [{ outcome: "delivered" }, this.dlqWebhooks.delivered],
        [{ outcome: "failed" }, this.dlqWebhooks.failed],
      ],
    );
    counter(
      "causeway_contract_breaking_drifts_total",
      "New payload shapes that removed a field or changed a field's type, by event type.",
      ["event_type"],
      () => [...this.breakingDrifts].map(([eventType, n]) => [{ event_type: eventType }, n]),
    );
    gauge(
      "causeway_elasticsearch_up",
      "Whether the last bulk request reached Elasticsearch.",
      [],
      () => [[{}, this.elasticsearchUp]],
    );
    gauge(
      "causeway_kafka_up",
      "Whether the broker answered this scrape's offset requests.",
      [],
      () => [[{}, this.kafka ? 1 : 0]],
    );
    gauge(
      "causeway_assigned_partitions",
      "Partitions assigned to this collector instance.",
      ["topic"],
      () => [...this.assignedPartitions].map(([topic, p]) => [{ topic }, p.length]),
    );
    gauge(
      "causeway_indexed_offset",
      "Highest offset indexed per partition.",
      ["topic", "partition"],
      () =>
        [...this.indexedOffsets].map(([key, offset]) => {
          const [topic = "", partition = ""] = key.split("\u0000");
          return [{ topic, partition }, Number(offset)];
        }),
    );
    gauge(
      "causeway_consumer_lag",
      "Records not yet committed by the collector's group, per partition.",
      ["topic", "partition"],
      () => (this.kafka?.lag ?? []).map(({ topic, partition, lag }) => [{ topic, partition }, lag]),
    );
    gauge(
      "causeway_dlq_depth",
      "Records held in each DLQ topic (high minus low watermark).",
      ["topic"],
      () => (this.kafka?.dlqDepth ?? []).map(({ topic, depth }) => [{ topic }, depth]),
    );
  }

  recordIndexed(
    topic: string,
    partition: number,
    offset: string,
    flags: readonly ReadFlag[],
    kafkaTimestampMs: number,
  ): void {
    this.recordsIndexed += 1;
    this.lastIndexedAt = Date.now();
    if (Number.isFinite(kafkaTimestampMs)) {
      this.indexDelay.observe(Math.max(0, this.lastIndexedAt - kafkaTimestampMs) / 1000);
    }
    this.indexedOffsets.set(`${topic}\u0000${partition}`, offset);
    for (const flag of flags) this.flags.set(flag, (this.flags.get(flag) ?? 0) + 1);
  }

  observeBulk(seconds: number): void {
    this.bulkSeconds.observe(seconds);
  }

  /**
   * Every metric as of now, with `kafka` the broker's answer for this scrape; OpenMetrics when
   * the scraper's Accept header asks for it, as Prometheus does when it prefers it. With `names`,
   * only those metrics, in the text format (as the Prometheus Java client's `name[]` does), so a
   * script watching one counter does not pay for rendering them all.
   */
  async expose(
    kafka: KafkaGauges | null,
    accept = "",
    names: readonly string[] = [],
  ): Promise<Exposition> {
    // The gauges' collect() reads `kafka`; prom-client calls them as rendering starts, before
    // any other scrape can set it, since nothing here awaits in between.
    this.kafka = kafka;
    if (names.length > 0) {
      const known = [...new Set(names)].filter((name) => this.prometheus.getSingleMetric(name));
      const parts = await Promise.all(
        known.map((name) => this.prometheus.getSingleMetricAsString(name)),
      );
      return {
        contentType: this.prometheus.contentType,
        body: parts.map((p) => `${p}\n`).join("\n"),
      };
    }
    const registry = accept.includes("application/openmetrics-text")
      ? this.openMetrics
      : this.prometheus;
    const body = await registry.metrics();
    return { contentType: registry.contentType, body };
  }

  /** Whether any of `names` (none: all) reads the broker when scraped. */
  static readsKafka(names: readonly string[]): boolean {
    return names.length === 0 || names.some((name) => KAFKA_GAUGES.includes(name));
  }
}
