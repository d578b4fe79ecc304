import { describe, expect, it } from "vitest";
import { isRetryTopic } from "./topics";

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
