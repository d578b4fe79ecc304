import { ReadFlag } from "@/lib/events/event";

/** Upper bounds (seconds) of the bulk latency histogram: 5 ms to 30 s. */
export const BULK_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Upper bounds (seconds) of the index delay histogram: 50 ms to an hour (catching up). */
export const INDEX_DELAY_SECONDS_BUCKETS = [
  0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 5, 10, 30, 60, 300, 3600,
];

/** A Prometheus histogram: cumulative buckets, a sum and a count. */
class Histogram {
  private readonly buckets: number[];
  private count = 0;
  private sum = 0;

  constructor(
    private readonly name: string,
    private readonly help: string,
    private readonly bounds: readonly number[],
  ) {
    this.buckets = bounds.map(() => 0);
  }

  get observations(): number {
    return this.count;
  }

  observe(value: number): void {
    this.count += 1;
    this.sum += value;
    this.bounds.forEach((bound, i) => {
      if (value <= bound) this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    });
  }

  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} histogram`,
      ...this.bounds.map((bound, i) => `${this.name}_bucket{le="${bound}"} ${this.buckets[i]}`),
      `${this.name}_bucket{le="+Inf"} ${this.count}`,
      `${this.name}_sum ${this.sum.toFixed(6)}`,
      `${this.name}_count ${this.count}`,
    ];
  }
}

/** What /metrics reads from Kafka at scrape time (absent while Kafka is unreachable). */
export type KafkaGauges = {
  /** The collector group's lag per partition of every collected topic. */
  lag: { topic: string; partition: number; lag: number }[];
  /** Records held in each DLQ topic: high minus low watermark, summed over partitions. */
  dlqDepth: { topic: string; depth: number }[];
};

/** The collector's counters, rendered in the Prometheus text format on /metrics. */
export class CollectorMetrics {
  recordsIndexed = 0;
  bulkFailures = 0;
  /** DLQ webhooks this instance claimed, by how they ended. */
  readonly dlqWebhooks = { delivered: 0, failed: 0 };
  elasticsearchUp = 1;
  lastIndexedAt: number | null = null;
  readonly flags = new Map<ReadFlag, number>(ReadFlag.options.map((flag) => [flag, 0]));
  /** Highest offset indexed per topic-partition: what "search you can trust" reports. */
  readonly indexedOffsets = new Map<string, string>();
  /** Partitions this instance is assigned, per topic, as of its last group join. */
  assignedPartitions = new Map<string, number[]>();
  private readonly bulkSeconds = new Histogram(
    "causeway_bulk_request_duration_seconds",
    "Time of each bulk request to Elasticsearch.",
    BULK_SECONDS_BUCKETS,
  );
  private readonly indexDelay = new Histogram(
    "causeway_index_delay_seconds",
    "Time from each record's Kafka timestamp to Elasticsearch acknowledging it; searchable one refresh later.",
    INDEX_DELAY_SECONDS_BUCKETS,
  );

  get bulkRequests(): number {
    return this.bulkSeconds.observations;
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

  render(kafka: KafkaGauges | null): string {
    const lines = [
      "# HELP causeway_records_indexed_total Kafka records acknowledged by Elasticsearch.",
      "# TYPE causeway_records_indexed_total counter",
      `causeway_records_indexed_total ${this.recordsIndexed}`,
      "# HELP causeway_decode_flags_total Records indexed with something unreadable, by kind.",
      "# TYPE causeway_decode_flags_total counter",
      ...[...this.flags].map(([flag, n]) => `causeway_decode_flags_total{flag="${flag}"} ${n}`),
      ...this.bulkSeconds.render(),
      ...this.indexDelay.render(),
      "# HELP causeway_bulk_failures_total Bulk requests that failed, wholly or in part, and were retried.",
      "# TYPE causeway_bulk_failures_total counter",
      `causeway_bulk_failures_total ${this.bulkFailures}`,
      "# HELP causeway_dlq_webhooks_total DLQ webhooks this instance sent for new failure groups, by outcome.",
      "# TYPE causeway_dlq_webhooks_total counter",
      `causeway_dlq_webhooks_total{outcome="delivered"} ${this.dlqWebhooks.delivered}`,
      `causeway_dlq_webhooks_total{outcome="failed"} ${this.dlqWebhooks.failed}`,
      "# HELP causeway_elasticsearch_up Whether the last bulk request reached Elasticsearch.",
      "# TYPE causeway_elasticsearch_up gauge",
      `causeway_elasticsearch_up ${this.elasticsearchUp}`,
      "# HELP causeway_kafka_up Whether the broker answered this scrape's offset requests.",
      "# TYPE causeway_kafka_up gauge",
      `causeway_kafka_up ${kafka ? 1 : 0}`,
      "# HELP causeway_assigned_partitions Partitions assigned to this collector instance.",
      "# TYPE causeway_assigned_partitions gauge",
      ...[...this.assignedPartitions].map(
        ([topic, partitions]) =>
          `causeway_assigned_partitions{topic="${escapeLabel(topic)}"} ${partitions.length}`,
      ),
      "# HELP causeway_indexed_offset Highest offset indexed per partition.",
      "# TYPE causeway_indexed_offset gauge",
      ...[...this.indexedOffsets].map(([key, offset]) => {
        const [topic, partition] = key.split("\u0000");
        return `causeway_indexed_offset{topic="${escapeLabel(topic ?? "")}",partition="${partition}"} ${offset}`;
      }),
      "# HELP causeway_consumer_lag Records not yet committed by the collector's group, per partition.",
      "# TYPE causeway_consumer_lag gauge",
      ...(kafka?.lag ?? []).map(
        ({ topic, partition, lag }) =>
          `causeway_consumer_lag{topic="${escapeLabel(topic)}",partition="${partition}"} ${lag}`,
      ),
      "# HELP causeway_dlq_depth Records held in each DLQ topic (high minus low watermark).",
      "# TYPE causeway_dlq_depth gauge",
      ...(kafka?.dlqDepth ?? []).map(
        ({ topic, depth }) => `causeway_dlq_depth{topic="${escapeLabel(topic)}"} ${depth}`,
      ),
    ];
    return `${lines.join("\n")}\n`;
  }
}

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}
