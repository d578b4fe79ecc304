import type { Kafka } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKafka } from "@/lib/kafka/client";
import { GroupDetail, LagOverview } from "@/lib/lag/views";
import { startStoppedGroup } from "@/lib/testing/lag-fixtures";
import { apiFetch, eventually, testConfig } from "@/lib/testing/real-stack";

/** The lag API as the running app serves it, fed by the collector `npm test` starts. */
const { kafkaBrokers } = testConfig({});
let kafka: Kafka;
let stopped: Awaited<ReturnType<typeof startStoppedGroup>>;

beforeAll(async () => {
  kafka = createKafka(kafkaBrokers, "lag-api-test");
  stopped = await startStoppedGroup(kafka);
});

afterAll(async () => {
  await stopped?.cleanup();
});

async function overviewRow() {
  const response = await apiFetch("/api/lag");
  expect(response.status).toBe(200);
  const overview = LagOverview.parse(await response.json());
  return overview.rows.find((r) => r.group === stopped.group && r.topic === stopped.topic);
}

describe("GET /api/lag", { timeout: 120_000 }, () => {
  it("shows a group that stopped consuming as STOP, with its lag in seconds growing", async () => {
    const first = await eventually(
      "the stopped group to be judged STOP",
      async () => {
        const row = await overviewRow();
        return row?.status === "STOP" ? row : null;
      },
      90_000,
    );
    expect(first.presence).toBe("no-members");
    const later = await eventually("its lag in seconds to grow", async () => {
      const row = await overviewRow();
      return row && (row.maxLagSeconds ?? 0) > (first.maxLagSeconds ?? 0) ? row : null;
    });
    expect(later.totalLag).toBeGreaterThanOrEqual(first.totalLag);
  });

  it("details a group per partition over a time range", async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 10 * 60_000);
    const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
    const detail = await eventually("the group's detail", async () => {
      const response = await apiFetch(`/api/lag/${encodeURIComponent(stopped.group)}?${query}`);
      return response.ok ? GroupDetail.parse(await response.json()) : null;
    });
    const topic = detail.topics.find((t) => t.topic === stopped.topic);
    expect(topic?.partitions.map((p) => p.partition)).toEqual([0, 1]);
    expect(topic?.history.length).toBeGreaterThan(0);
  });

  it("answers 400 for a bad range and 404 for a group never sampled, as JSON", async () => {
    const bad = await apiFetch(`/api/lag/${encodeURIComponent(stopped.group)}?from=yesterday`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain("`from`");

    const backwards = await apiFetch(
      `/api/lag/x?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z`,
    );
    expect(backwards.status).toBe(400);

    const control = await apiFetch(`/api/lag/${encodeURIComponent("a\u0001b")}`);
    expect(control.status).toBe(400);

    const unknown = await apiFetch(`/api/lag/${encodeURIComponent(`never-${Date.now()}`)}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/No lag has been sampled/);
  });

  it("answers 404 for the lag of a chain nobody has seen", async () => {
    const response = await apiFetch(`/api/chains/${encodeURIComponent(`never-${Date.now()}`)}/lag`);
    expect(response.status).toBe(404);
  });
});
