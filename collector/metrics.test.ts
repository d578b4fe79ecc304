import { afterEach, describe, expect, it, vi } from "vitest";
import { CollectorMetrics, type KafkaGauges } from "./metrics";

const sample = (text: string, name: string) =>
  text
    .split("\n")
    .find((line) => line.startsWith(`${name} `))
    ?.split(" ")[1];

const render = async (metrics: CollectorMetrics, kafka: KafkaGauges | null = null) =>
  (await metrics.expose(kafka)).body;

afterEach(() => {
  vi.useRealTimers();
});

describe("CollectorMetrics.expose", async () => {
  it("renders only the metrics named, and knows which of them ask the broker", async () => {
    const metrics = new CollectorMetrics();
    metrics.recordsIndexed = 7;
    metrics.bulkFailures = 2;
    const { body } = await metrics.expose(null, "", [
      "causeway_records_indexed_total",
      "causeway_no_such_metric",
    ]);
    expect(sample(body, "causeway_records_indexed_total")).toBe("7");
    expect(body).not.toContain("causeway_bulk_failures_total");
    expect(body).not.toContain("causeway_collector_process_cpu");
    expect(sample((await metrics.expose(null)).body, "causeway_bulk_failures_total")).toBe("2");

    expect(CollectorMetrics.readsKafka(["causeway_records_indexed_total"])).toBe(false);
    expect(CollectorMetrics.readsKafka(["causeway_consumer_lag"])).toBe(true);
    expect(CollectorMetrics.readsKafka([])).toBe(true);
  });

  it("names as Kafka gauges exactly the metrics that read the broker's answer", async () => {
    const kafka: KafkaGauges = {
      lag: [{ topic: "orders", partition: 0, lag: 3 }],
      dlqDepth: [{ topic: "orders.DLQ", depth: 1 }],
    };
    const withKafka = await render(new CollectorMetrics(), kafka);
    const without = await render(new CollectorMetrics(), null);
    const changed = new Set(
      withKafka
        .split("\n")
        .filter((line) => !line.startsWith("#") && !without.includes(line))
        .map((line) => line.split(/[{ ]/)[0] ?? "")
        .filter((name) => !name.startsWith("causeway_collector_")),
    );
    for (const name of changed) expect(CollectorMetrics.readsKafka([name])).toBe(true);
    expect(changed.size).toBe(3);
  });

  it("renders bulk latency as a cumulative histogram", async () => {
    const metrics = new CollectorMetrics();
    metrics.observeBulk(0.02);
    metrics.observeBulk(0.3);
    metrics.observeBulk(45);
    const text = await render(metrics);
    expect(sample(text, 'causeway_bulk_request_duration_seconds_bucket{le="0.01"}')).toBe("0");
    expect(sample(text, 'causeway_bulk_request_duration_seconds_bucket{le="0.025"}')).toBe("1");
    expect(sample(text, 'causeway_bulk_request_duration_seconds_bucket{le="0.5"}')).toBe("2");
    expect(sample(text, 'causeway_bulk_request_duration_seconds_bucket{le="30"}')).toBe("2");
    expect(sample(text, 'causeway_bulk_request_duration_seconds_bucket{le="+Inf"}')).toBe("3");
    expect(sample(text, "causeway_bulk_request_duration_seconds_count")).toBe("3");
    expect(Number(sample(text, "causeway_bulk_request_duration_seconds_sum"))).toBeCloseTo(45.32);
  });

  it("observes how long after its Kafka timestamp each record was acknowledged", async () => {
    vi.useFakeTimers({ now: 100_000 });
    const metrics = new CollectorMetrics();
    metrics.recordIndexed("orders", 0, "1", [], 99_400);
    metrics.recordIndexed("orders", 0, "2", [], 40_000);
    metrics.recordIndexed("orders", 0, "3", [], Number.NaN);
    const text = await render(metrics);
    expect(sample(text, 'causeway_index_delay_seconds_bucket{le="0.5"}')).toBe("0");
    expect(sample(text, 'causeway_index_delay_seconds_bucket{le="0.75"}')).toBe("1");
    expect(sample(text, 'causeway_index_delay_seconds_bucket{le="60"}')).toBe("2");
    expect(sample(text, "causeway_index_delay_seconds_count")).toBe("2");
    expect(sample(text, "causeway_records_indexed_total")).toBe("3");
  });

  it("reports every decode flag, zero until seen", async () => {
    const metrics = new CollectorMetrics();
    metrics.recordIndexed("orders", 0, "7", ["tombstone"], Date.now());
    const text = await render(metrics);
    expect(sample(text, 'causeway_decode_flags_total{flag="tombstone"}')).toBe("1");
    expect(sample(text, 'causeway_decode_flags_total{flag="not-json"}')).toBe("0");
    expect(sample(text, 'causeway_indexed_offset{topic="orders",partition="0"}')).toBe("7");
  });

  it("counts DLQ webhooks by outcome", async () => {
    const metrics = new CollectorMetrics();
    metrics.dlqWebhooks.delivered += 2;
    metrics.dlqWebhooks.failed += 1;
    const text = await render(metrics);
    expect(sample(text, 'causeway_dlq_webhooks_total{outcome="delivered"}')).toBe("2");
    expect(sample(text, 'causeway_dlq_webhooks_total{outcome="failed"}')).toBe("1");
  });

  it("renders lag and DLQ depth when Kafka answered, and says when it did not", async () => {
    const metrics = new CollectorMetrics();
    const up = await render(metrics, {
      lag: [{ topic: 'we"ird', partition: 2, lag: 5 }],
      dlqDepth: [{ topic: "payments.DLQ", depth: 3 }],
    });
    expect(sample(up, 'causeway_consumer_lag{topic="we\\"ird",partition="2"}')).toBe("5");
    expect(sample(up, 'causeway_dlq_depth{topic="payments.DLQ"}')).toBe("3");
    expect(sample(up, "causeway_kafka_up")).toBe("1");
    expect(sample(await render(metrics), "causeway_kafka_up")).toBe("0");
  });

  it("speaks OpenMetrics when the scraper asks for it, with the same samples and names", async () => {
    const metrics = new CollectorMetrics();
    metrics.recordIndexed("orders", 0, "7", [], Date.now());
    const open = await metrics.expose(
      null,
      "application/openmetrics-text;version=1.0.0,text/plain;q=0.5",
    );
    expect(open.contentType).toMatch(/^application\/openmetrics-text/);
    expect(sample(open.body, "causeway_records_indexed_total")).toBe("1");
    expect(open.body.trimEnd().endsWith("# EOF")).toBe(true);
    const text = await metrics.expose(null, "text/plain");
    expect(text.contentType).toMatch(/^text\/plain; version=0.0.4/);
    expect(text.body).toContain("# TYPE causeway_records_indexed_total counter");
    expect(sample(text.body, "causeway_records_indexed_total")).toBe("1");
  });

  it("adds the process's own metrics", async () => {
    const text = await render(new CollectorMetrics());
    expect(sample(text, "causeway_collector_process_resident_memory_bytes")).toMatch(/^\d+$/);
  });
});
