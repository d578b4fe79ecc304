import { beforeAll, describe, expect, it } from "vitest";
import { FlowStats } from "@/lib/chain/flows";
import { createKafka } from "@/lib/kafka/client";
import { produceLearnedFlow, USUAL_CHAINS, type LearnedFlow } from "@/lib/testing/learned-flow";
import { apiFetch, eventually, testConfig } from "@/lib/testing/real-stack";

/** The flow map's data: learned by the collector's job from chains produced into Kafka. */
const kafka = createKafka(testConfig({}).kafkaBrokers, "flows-int-test");
let flow: LearnedFlow;

beforeAll(async () => {
  flow = await produceLearnedFlow(kafka, "flows");
});

describe("GET /api/flows", () => {
  it("lists the learned edge with counts, hop percentiles, failure share and examples", async () => {
    const edge = await eventually(
      "the learned edge",
      async () => {
        const response = await apiFetch("/api/flows");
        if (!response.ok) return null;
        const stats = FlowStats.parse(await response.json());
        const found = stats.edges.find((e) => e.from === flow.from && e.to === flow.to);
        return found && found.chains === USUAL_CHAINS + 1 ? found : null;
      },
      90_000,
    );
    expect(edge).toMatchObject({
      fromChains: USUAL_CHAINS + 2,
      hops: USUAL_CHAINS + 1,
      p50Ms: 100,
      p95Ms: 100,
      failureShare: 0,
    });
    expect(edge.followShare).toBeCloseTo((USUAL_CHAINS + 1) / (USUAL_CHAINS + 2));
    expect(edge.examples.length).toBeGreaterThan(0);
    for (const id of edge.examples) expect([...flow.usual, flow.slow]).toContain(id);
  });
});
