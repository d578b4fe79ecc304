import { describe, expect, it } from "vitest";
import { deadLetter as deadLetterOf, makeEvent } from "../chain/__fixtures__/events";
import type { Event } from "../events/event";
import { diffLines } from "./diff";
import { planReplay, ReplayOptions, ReplayRefused, type ReplayContext } from "./plan";
import { compileTopicGlobs, replayTargetRefusal } from "./target-topics";

const value = JSON.stringify({
  event_id: "e1",
  correlation_id: "order-1",
  payload: { outcome: "payment-fails" },
});

function deadLetter(overrides: Partial<Event> = {}): Event {
  return makeEvent({
    topic: "payments.DLQ",
    offset: 7,
    eventId: "e1",
    correlationId: "order-1",
    key: "1",
    raw: value,
    headers: [
      { key: "event-id", value: "e1" },
      { key: "correlation-id", value: "order-1" },
      { key: "x-hop", value: "gateway" },
      { key: "retry-attempt", value: "2" },
      { key: "kafka_dlt-original-topic", value: "orders" },
      { key: "kafka_dlt-exception-fqcn", value: "com.shop.CardDeclined" },
      { key: "kafka_dlt-exception-stacktrace", value: "com.shop.CardDeclined: no\n\tat x" },
      { key: "__connect.errors.topic", value: "orders" },
      { key: "MT-Fault-Message", value: "no" },
      { key: "x-hop", value: "payments" },
    ],
    dlq: { originalTopic: "orders", errorClass: "com.shop.CardDeclined" },
    ...overrides,
  });
}

const context: ReplayContext = {
  actor: "ana",
  chain: [],
  earlierReplays: [],
  isDeadLetterTopic: (topic) => /dlq/i.test(topic),
  targetRefusal: (topic) => replayTargetRefusal(topic, compileTopicGlobs(["orders*"])),
};
const options = { recordId: "payments.DLQ:0:7", reason: "card gateway fixed" };

describe("planReplay", () => {
  it("produces the original key and value to the original topic, without DLQ headers", () => {
    const plan = planReplay(deadLetter(), options, context);
    expect(plan).toMatchObject({ topic: "orders", key: "1", value, valueDiff: null, warnings: [] });
    // In order, a repeated header with each of its values.
    expect(plan.headers).toEqual([
      { key: "event-id", value: "e1" },
      { key: "correlation-id", value: "order-1" },
      { key: "x-hop", value: "gateway" },
      { key: "x-hop", value: "payments" },
      { key: "causeway-replay-of", value: "payments.DLQ:0:7" },
      { key: "causeway-replayed-by", value: "ana" },
      { key: "causeway-replay-reason", value: "card gateway fixed" },
    ]);
  });

  it("goes to a chosen topic when one is given", () => {
    expect(planReplay(deadLetter(), { ...options, targetTopic: "orders-v2" }, context).topic).toBe(
      "orders-v2",
    );
  });

  it("refuses a chosen target and an original topic that the target rule refuses", () => {
    expect(() =>
      planReplay(deadLetter(), { ...options, targetTopic: "__consumer_offsets" }, context),
    ).toThrow(/__consumer_offsets is an internal topic/);
    expect(() =>
      planReplay(deadLetter({ dlq: deadLetterOf({ originalTopic: "billing" }) }), options, context),
    ).toThrow(/billing is not among the topics replays may produce to/);
  });

  it("refuses when no original topic is known and none is chosen", () => {
    const record = deadLetter({
      dlq: deadLetterOf({ originalTopic: null, errorClass: "com.shop.CardDeclined" }),
    });
    expect(() => planReplay(record, options, context)).toThrow(ReplayRefused);
  });

  it("refuses a record whose value was cut at indexing unless a full value is pasted", () => {
    const record = deadLetter({ flags: ["raw-truncated"] });
    expect(() => planReplay(record, options, context)).toThrow(/cut value/);
    expect(planReplay(record, { ...options, editedValue: value }, context).value).toBe(value);
  });

  it("shows an edited value as a diff of the pretty-printed JSON", () => {
    const edited = value.replace("payment-fails", "ok");
    const plan = planReplay(deadLetter(), { ...options, editedValue: edited }, context);
    expect(plan.value).toBe(edited);
    const changed = plan.valueDiff?.filter((line) => line.op !== "same");
    expect(changed).toEqual([
      { op: "removed", text: '    "outcome": "payment-fails"' },
      { op: "added", text: '    "outcome": "ok"' },
    ]);
  });

  it("warns when the chain shows the original was processed after all", () => {
    const processed = makeEvent({
      topic: "payments",
      eventType: "PaymentProcessed",
      causationId: "e1",
    });
    const retry = makeEvent({ topic: "payments.retry", causationId: "e1" });
    const plan = planReplay(deadLetter(), options, { ...context, chain: [retry, processed] });
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatch(/processed later: PaymentProcessed on payments/);
  });

  it("warns about earlier replays and a dead-letter target", () => {
    const plan = planReplay(
      deadLetter(),
      { ...options, targetTopic: "orders.DLQ" },
      {
        ...context,
        earlierReplays: [{ at: "2026-01-01T10:00:00Z", by: "bob" }],
      },
    );
    expect(plan.warnings.join(" ")).toMatch(/already replayed 1 time\(s\), last by bob/);
    expect(plan.warnings.join(" ")).toMatch(/orders\.DLQ is itself a dead-letter topic/);
  });

  it("decodes binary keys and values back to their bytes", () => {
    const record = deadLetter({
      raw: "base64:AAEC",
      key: "base64:/w==",
      flags: ["binary-value", "binary-key"],
    });
    expect(planReplay(record, options, context)).toMatchObject({
      value: "AAEC",
      valueEncoding: "base64",
      key: "/w==",
      keyEncoding: "base64",
    });
  });
});

describe("ReplayOptions", () => {
  it("rejects an edited value that is not JSON, a bad topic and a missing reason", () => {
    expect(ReplayOptions.safeParse({ ...options, editedValue: "{nope" }).success).toBe(false);
    expect(ReplayOptions.safeParse({ ...options, targetTopic: "a topic" }).success).toBe(false);
    expect(ReplayOptions.safeParse({ ...options, reason: " " }).success).toBe(false);
  });
});

describe("diffLines", () => {
  it("keeps common lines and marks insertions and removals", () => {
    expect(diffLines("a\nb\nc", "a\nc\nd")).toEqual([
      { op: "same", text: "a" },
      { op: "removed", text: "b" },
      { op: "same", text: "c" },
      { op: "added", text: "d" },
    ]);
  });
});
