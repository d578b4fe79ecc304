import { describe, expect, it } from "vitest";
import {
  bulkSummary,
  cpuSecondsFromStat,
  histogramQuantileBound,
  metricValue,
  peakRssFromStatus,
  quantile,
} from "./stats";

describe("quantile", () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);

  it("takes the nearest rank", () => {
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile(values, 1)).toBe(100);
    expect(quantile([7], 0.99)).toBe(7);
  });

  it("is NaN for no values", () => {
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("peakRssFromStatus", () => {
  it("reads VmHWM in bytes", () => {
    const status = "Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t  153600 kB\nVmRSS:\t  100000 kB\n";
    expect(peakRssFromStatus(status)).toBe(153600 * 1024);
  });

  it("is null when the line is missing", () => {
    expect(peakRssFromStatus("Name:\tnode\n")).toBeNull();
  });
});

describe("cpuSecondsFromStat", () => {
  it("adds user and system time, in seconds", () => {
    const stat = "4242 (node) S 1 4242 4242 0 -1 4194304 9000 0 0 0 1234 56 0 0 20 0 11 0 100 0 0";
    expect(cpuSecondsFromStat(stat)).toBeCloseTo(12.9);
  });

  it("counts fields after the command name, which may hold spaces and parentheses", () => {
    const stat = "7 (a b) c)) R 1 7 7 0 -1 0 0 0 0 0 300 100 0 0 20 0 1 0 5 0 0";
    expect(cpuSecondsFromStat(stat)).toBeCloseTo(4);
  });

  it("is null for a line it cannot read", () => {
    expect(cpuSecondsFromStat("")).toBeNull();
    expect(cpuSecondsFromStat("1 (x) S 1 2")).toBeNull();
  });
});

describe("metricValue", () => {
  const exposition = [
    "# TYPE causeway_records_indexed_total counter",
    "causeway_records_indexed_total 4200",
    'causeway_indexed_offset{topic="a",partition="0"} 9',
  ].join("\n");

  it("reads an unlabelled sample", () => {
    expect(metricValue(exposition, "causeway_records_indexed_total")).toBe(4200);
  });

  it("is null for a metric that is not there", () => {
    expect(metricValue(exposition, "causeway_bulk_requests_total")).toBeNull();
  });
});

describe("bulkSummary", () => {
  it("reads the bulk latency histogram", () => {
    const exposition = [
      "causeway_records_indexed_total 400",
      "causeway_bulk_request_duration_seconds_sum 2.000000",
      "causeway_bulk_request_duration_seconds_count 4",
    ].join("\n");
    expect(bulkSummary(exposition)).toBe("4 bulk requests, mean 500 ms, 100 records each");
  });

  it("says so when there were none", () => {
    expect(bulkSummary("causeway_records_indexed_total 0")).toBe("no bulk requests");
  });
});

describe("histogramQuantileBound", () => {
  const exposition = [
    'delay_bucket{le="0.5"} 50',
    'delay_bucket{le="1"} 98',
    'delay_bucket{le="2"} 100',
    'delay_bucket{le="+Inf"} 100',
  ].join("\n");

  it("names the bucket that holds the quantile", () => {
    expect(histogramQuantileBound(exposition, "delay", 0.5)).toBe(0.5);
    expect(histogramQuantileBound(exposition, "delay", 0.51)).toBe(1);
    expect(histogramQuantileBound(exposition, "delay", 0.99)).toBe(2);
  });

  it("says nothing for an empty or absent histogram", () => {
    expect(histogramQuantileBound('delay_bucket{le="+Inf"} 0', "delay", 0.5)).toBeNull();
    expect(histogramQuantileBound(exposition, "other", 0.5)).toBeNull();
  });
});
