import { describe, expect, it } from "vitest";
import { buildChain } from "./build";
import { Chain, ChainAnswer } from "./chain";
import { linearChain } from "./__fixtures__/events";

describe("ChainAnswer", () => {
  const chain = Chain.parse(JSON.parse(JSON.stringify(buildChain("c-1", linearChain(5)))));

  it("accepts a chain as the API sends it, items untouched", () => {
    expect(ChainAnswer.parse(chain)).toEqual(chain);
  });

  it("refuses what is not a chain: an error body, a missing field, items that are not records", () => {
    expect(ChainAnswer.safeParse({ error: "no such chain" }).success).toBe(false);
    expect(ChainAnswer.safeParse({ ...chain, timing: undefined }).success).toBe(false);
    expect(ChainAnswer.safeParse({ ...chain, events: ["a", "b"] }).success).toBe(false);
    expect(ChainAnswer.safeParse({ ...chain, edges: null }).success).toBe(false);
    expect(
      ChainAnswer.safeParse({ ...chain, timing: { ...chain.timing, events: [1] } }).success,
    ).toBe(false);
  });
});
