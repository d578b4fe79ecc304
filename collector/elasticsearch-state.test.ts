import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "@/lib/log";
import { ElasticsearchStatus } from "./elasticsearch-state";
import { CollectorMetrics } from "./metrics";

describe("ElasticsearchStatus", () => {
  it("logs one line per change of state, however many failures there are", () => {
    const lines: string[] = [];
    const metrics = new CollectorMetrics();
    const status = new ElasticsearchStatus(
      createLogger("test", (line) => lines.push((JSON.parse(line) as { message: string }).message)),
      metrics,
    );
    status.set("reachable");
    for (let i = 0; i < 5; i += 1) status.set("unreachable", "connect ECONNREFUSED");
    expect(metrics.elasticsearchUp).toBe(0);
    status.set("reachable");
    for (let i = 0; i < 3; i += 1) status.set("throttled", "429");
    status.set("reachable");
    expect(lines).toEqual([
      "elasticsearch unreachable; pausing commits, retrying with backoff",
      "elasticsearch reachable again; resuming",
      "elasticsearch is throttling bulk requests (429); pausing commits, backing off",
      "elasticsearch reachable again; resuming",
    ]);
    expect(metrics.elasticsearchUp).toBe(1);
  });

  it("holds every writer back until the latest Retry-After has passed, never shortening it", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const status = new ElasticsearchStatus(
      createLogger("test", () => undefined),
      new CollectorMetrics(),
    );
    expect(status.holdRemainingMs()).toBe(0);
    status.holdOff(3_000);
    status.holdOff(1_000);
    expect(status.holdRemainingMs()).toBe(3_000);
    vi.advanceTimersByTime(2_500);
    expect(status.holdRemainingMs()).toBe(500);
    vi.advanceTimersByTime(600);
    expect(status.holdRemainingMs()).toBe(0);
  });
});

afterEach(() => {
  vi.useRealTimers();
});
