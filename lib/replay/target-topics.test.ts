import { describe, expect, it } from "vitest";
import { compileTopicGlobs, replayTargetRefusal } from "./target-topics";

describe("replayTargetRefusal", () => {
  it("refuses Kafka's internal topics and a registry's storage whatever the allow-list", () => {
    for (const topic of [
      "__consumer_offsets",
      "__transaction_state",
      "_schemas",
      "_confluent-command",
    ]) {
      expect(replayTargetRefusal(topic, null)).toMatch(/is an internal topic/);
      expect(replayTargetRefusal(topic, compileTopicGlobs(["*"]))).toMatch(/is an internal topic/);
    }
  });

  it("allows any other topic when no allow-list is set", () => {
    expect(replayTargetRefusal("orders", null)).toBeNull();
    expect(replayTargetRefusal("payments.DLQ", null)).toBeNull();
  });

  it("with an allow-list, allows only topics it matches", () => {
    const allowed = compileTopicGlobs(["orders", "payments.*", "*-retry"]);
    expect(replayTargetRefusal("orders", allowed)).toBeNull();
    expect(replayTargetRefusal("payments.v2", allowed)).toBeNull();
    expect(replayTargetRefusal("shipping-retry", allowed)).toBeNull();
    expect(replayTargetRefusal("orders-v2", allowed)).toMatch(/not among the topics replays may/);
    expect(replayTargetRefusal("billing", allowed)).toMatch(/CAUSEWAY_REPLAY_TOPICS/);
  });

  it("reads a dot in a pattern as a dot, not as any character", () => {
    expect(replayTargetRefusal("paymentsXv2", compileTopicGlobs(["payments.*"]))).not.toBeNull();
  });
});
