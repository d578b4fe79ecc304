/** Learned statistics for tests: one edge A → B with the numbers a test cares about. */
import type { FlowEdge, FlowStats } from "../flows";

export function flowEdge(fields: Partial<FlowEdge> & Pick<FlowEdge, "from" | "to">): FlowEdge {
  return {
    chains: 4210,
    fromChains: 4340,
    followShare: 0.97,
    hops: 4210,
    p50Ms: 300,
    p95Ms: 1200,
    failureShare: 0,
    examples: [],
    ...fields,
  };
}

export function flowStats(edges: FlowEdge[]): FlowStats {
  return {
    computedAt: "2024-05-01T12:00:00.000Z",
    windowStart: "2024-04-30T12:00:00.000Z",
    windowEnd: "2024-05-01T12:00:00.000Z",
    chainCount: 4340,
    eventCount: 20_000,
    truncated: false,
    nodes: [],
    edges,
  };
}
