import { describe, expect, it } from "vitest";
import { isRetryTopic, RETRY_TOPIC_LUCENE } from "./topics";

describe("isRetryTopic", () => {
  it.each([
    "payments-retry",
    "payments.retry",
    "payments_retry",
    "payments-retry-2",
    "Orders-RETRY",
  ])("treats %s as a retry topic", (topic) => expect(isRetryTopic(topic)).toBe(true));

  it.each(["payments", "retry", "payments-retry-later", "retrying-orders", "payments.DLQ"])(
    "does not treat %s as a retry topic",
    (topic) => expect(isRetryTopic(topic)).toBe(false),
  );
});

describe("RETRY_TOPIC_LUCENE", () => {
  // Lucene matches a regexp against the whole term; these constructs read the same in JS.
  const whole = new RegExp(`^(?:${RETRY_TOPIC_LUCENE})$`, "i");

  it.each([
    "payments-retry",
    "payments.retry",
    "payments_retry",
    "payments-retry-2",
    "Orders-RETRY",
    "payments",
    "retry",
    "payments-retry-later",
    "retrying-orders",
    "payments.DLQ",
  ])("agrees with isRetryTopic on %s", (topic) =>
    expect(whole.test(topic)).toBe(isRetryTopic(topic)),
  );
});
