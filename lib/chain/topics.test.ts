import { describe, expect, it } from "vitest";
import { isRetryTopic, RETRY_TOPIC_LUCENE } from "./topics";

const retryTopics = [
  "payments-retry",
  "payments.retry",
  "payments_retry",
  "payments-retry-2",
  "Orders-RETRY",
];
const otherTopics = [
  "payments",
  "retry",
  "payments-retry-later",
  "retrying-orders",
  "payments.DLQ",
];

describe("isRetryTopic", () => {
  it.each(retryTopics)("treats %s as a retry topic", (topic) =>
    expect(isRetryTopic(topic)).toBe(true),
  );

  it.each(otherTopics)("does not treat %s as a retry topic", (topic) =>
    expect(isRetryTopic(topic)).toBe(false),
  );
});

describe("RETRY_TOPIC_LUCENE", () => {
  // Lucene matches a regexp against the whole term; these constructs read the same in JS.
  const whole = new RegExp(`^(?:${RETRY_TOPIC_LUCENE})$`, "i");

  it.each([...retryTopics, ...otherTopics])("agrees with isRetryTopic on %s", (topic) =>
    expect(whole.test(topic)).toBe(isRetryTopic(topic)),
  );
});
