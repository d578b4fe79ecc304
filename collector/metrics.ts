import type { ReadFlag } from "@/lib/events/event";

/** The collector's counters, rendered in the Prometheus text format on /metrics. */
export class CollectorMetrics {
  recordsIndexed = 0;
  bulkRequests = 0;
  bulkFailures = 0;
  bulkSecondsSum = 0;
  elasticsearchUp = 1;
  lastIndexedAt: number | null = null;
  readonly flags = new Map<ReadFlag, number>();
  /** Highest offset indexed per topic-partition: what "search you can trust" reports. */
  readonly indexedOffsets = new Map<string, string>();

  recordIndexed(
    topic: string,
    partition: number,
    offset: string,
    flags: readonly ReadFlag[],
  ): void {
    this.recordsIndexed += 1;
    this.lastIndexedAt = Date.now();
    this.indexedOffsets.set(`${topic}\u0000${partition}`, offset);
    for (const flag of flags) this.flags.set(flag, (this.flags.get(flag) ?? 0) + 1);
  }

  render(): string {
    const lines = [
      "# HELP causeway_records_indexed_total Kafka records acknowledged by Elasticsearch.",
      "# TYPE causeway_records_indexed_total counter",
      `causeway_records_indexed_total ${this.recordsIndexed}`,
      "# HELP causeway_decode_flags_total Records indexed with something unreadable, by kind.",
      "# TYPE causeway_decode_flags_total counter",
      ...[...this.flags].map(([flag, n]) => `causeway_decode_flags_total{flag="${flag}"} ${n}`),
      "# HELP causeway_bulk_requests_total Bulk requests sent to Elasticsearch.",
      "# TYPE causeway_bulk_requests_total counter",
      `causeway_bulk_requests_total ${this.bulkRequests}`,
      "# HELP causeway_bulk_failures_total Bulk requests that failed and were retried.",
      "# TYPE causeway_bulk_failures_total counter",
      `causeway_bulk_failures_total ${this.bulkFailures}`,
      "# HELP causeway_bulk_seconds_sum Time spent in bulk requests.",
      "# TYPE causeway_bulk_seconds_sum counter",
      `causeway_bulk_seconds_sum ${this.bulkSecondsSum.toFixed(6)}`,
      "# HELP causeway_elasticsearch_up Whether the last bulk request reached Elasticsearch.",
      "# TYPE causeway_elasticsearch_up gauge",
      `causeway_elasticsearch_up ${this.elasticsearchUp}`,
      "# HELP causeway_indexed_offset Highest offset indexed per partition.",
      "# TYPE causeway_indexed_offset gauge",
      ...[...this.indexedOffsets].map(([key, offset]) => {
        const [topic, partition] = key.split("\u0000");
        return `causeway_indexed_offset{topic="${escapeLabel(topic ?? "")}",partition="${partition}"} ${offset}`;
      }),
    ];
    return `${lines.join("\n")}\n`;
  }
}

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}
