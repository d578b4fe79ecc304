import { describe, expect, it } from "vitest";
import { apiFetch, appUrl } from "@/lib/testing/real-stack";

/** The app's /metrics as Prometheus scrapes it, against the app `npm test` runs. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  const line = text
    .split("\n")
    .find(
      (l) =>
        l.startsWith(`${name}{`) &&
        Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`)),
    );
  return line ? Number(line.split(" ").at(-1)) : null;
}

describe("the app's /metrics", () => {
  it("needs credentials, like every other path, and says so as an API does", async () => {
    const response = await fetch(`${appUrl}/metrics`, { redirect: "manual" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Sign in first." });
  });

  it("times requests by route pattern and Elasticsearch requests by operation", async () => {
    const elasticsearchCount = async () =>
      (await (await apiFetch("/metrics")).text())
        .split("\n")
        .filter((l) => l.startsWith("causeway_app_elasticsearch_request_duration_seconds_count{"))
        .reduce((sum, l) => sum + Number(l.split(" ").at(-1)), 0);
    const before = await elasticsearchCount();
    const chain = `/api/chains/${encodeURIComponent("metrics-probe-1")}`;
    expect((await apiFetch(chain)).status).toBe(404);
    expect(await elasticsearchCount()).toBeGreaterThan(before);

    const response = await apiFetch("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const requests = "causeway_app_http_request_duration_seconds_count";
    expect(
      sample(text, requests, {
        route: "/api/chains/[correlationId]",
        method: "GET",
        status: "404",
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain("metrics-probe-1");
    expect(text).toMatch(
      /^causeway_app_elasticsearch_request_duration_seconds_count\{operation="_\w+",outcome="ok"\} \d+$/m,
    );
    expect(text).toMatch(/^causeway_app_process_resident_memory_bytes \d+$/m);
  });

  it("carries each consumer group's lag verdict, as the lag page judges it", async () => {
    const [overview, metrics] = await Promise.all([apiFetch("/api/lag"), apiFetch("/metrics")]);
    const text = await metrics.text();
    expect(text).toMatch(/^causeway_lag_overview_up 1$/m);
    const { rows } = (await overview.json()) as {
      rows: { group: string; topic: string; status: string; presence: string }[];
    };
    const row = rows.find((r) => r.presence !== "vanished");
    if (!row) throw new Error("the collector has sampled no consumer group yet");
    expect(sample(text, "causeway_lag_status", { group: row.group, topic: row.topic })).toBe(1);
  });
});
