import { beforeAll, describe, expect, it } from "vitest";
import { Chain, timingOf } from "@/lib/chain/chain";
import { createKafka } from "@/lib/kafka/client";
import { produceLearnedFlow, type LearnedFlow } from "@/lib/testing/learned-flow";
import { apiFetch, eventually, testConfig } from "@/lib/testing/real-stack";

/**
 * `slow-hop` and `missing-step` on the chain API: judged against what the collector's job has
 * learned from the other chains of the same flow, never against configured numbers.
 */
const kafka = createKafka(testConfig({}).kafkaBrokers, "learned-int-test");
let flow: LearnedFlow;

beforeAll(async () => {
  flow = await produceLearnedFlow(kafka, "learned");
});

async function chainOnceLearned(correlationId: string, kind: string): Promise<Chain> {
  return eventually(
    `a ${kind} anomaly on ${correlationId}`,
    async () => {
      const response = await apiFetch(`/api/chains/${encodeURIComponent(correlationId)}`);
      if (!response.ok) return null;
      const chain = Chain.parse(await response.json());
      return chain.anomalies.some((a) => a.kind === kind) ? chain : null;
    },
    90_000,
  );
}

describe("learned anomalies on GET /api/chains/{correlationId}", () => {
  it("reports the missing step of a chain whose usual next event never came", async () => {
    const chain = await chainOnceLearned(flow.stuck, "missing-step");
    const anomaly = chain.anomalies.find((a) => a.kind === "missing-step");
    expect(anomaly?.eventIds).toEqual([`${flow.topic}:0:${2 * flow.usual.length + 2}`]);
    expect(anomaly?.message).toMatch(
      new RegExp(
        `^${flow.to} usually follows ${flow.from} within 100 ms \\(95% of 22 chains\\); none after \\d+ min`,
      ),
    );
    expect(chain.learnedFrom).not.toBeNull();
  });

  it("reports the hop that took far longer than usual", async () => {
    const chain = await chainOnceLearned(flow.slow, "slow-hop");
    const anomaly = chain.anomalies.find((a) => a.kind === "slow-hop");
    expect(anomaly?.eventIds).toEqual(chain.events.map((e) => e.id));
    expect(anomaly?.message).toMatch(
      new RegExp(`^${flow.to} \\(payment-service\\) came 1 min after ${flow.from}`),
    );
    const hop = timingOf(chain, chain.events[1]?.id ?? "");
    expect(hop).toMatchObject({ split: "learned", processingMs: 100 });
    expect(chain.timing.criticalPath).toContain(chain.events[1]?.id);
    expect(hop?.queueWaitMs).toBeGreaterThan(50_000);
  });

  it("finds nothing wrong with a chain that ran as usual", async () => {
    await chainOnceLearned(flow.stuck, "missing-step");
    const response = await apiFetch(`/api/chains/${flow.usual[0]}`);
    const chain = Chain.parse(await response.json());
    expect(chain.anomalies).toEqual([]);
  });
});
