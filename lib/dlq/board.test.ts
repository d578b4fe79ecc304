import { describe, expect, it } from "vitest";
import {
  boardWindow,
  type DeadLetterGroup,
  groupMatches,
  TREND_BUCKETS,
  trendRanges,
} from "./board";

const group: DeadLetterGroup = {
  fingerprint: "fp",
  dlqTopic: "payments.DLQ",
  errorClass: "com.shop.payment.CardDeclinedException",
  wrapperClass: "org.springframework.kafka.listener.ListenerExecutionFailedException",
  stage: null,
  stageClass: null,
  connectorName: null,
  taskId: null,
  message: "Card declined by issuer: do_not_honor (<*>)",
  sampleMessage: "Card declined by issuer: do_not_honor (VISA ending 4242)",
  count: 3,
  newCount: 0,
  firstSeen: "2026-01-01T10:00:00Z",
  lastSeen: "2026-01-01T11:00:00Z",
  trend: [],
  originalTopics: ["orders"],
  consumerGroups: ["payment-service"],
  state: "resolved",
  triage: null,
};

describe("groupMatches", () => {
  it("matches the error text case-insensitively against class and messages", () => {
    expect(groupMatches(group, { error: "carddeclined" })).toBe(true);
    expect(groupMatches(group, { error: "visa" })).toBe(true);
    expect(groupMatches(group, { error: "ListenerExecutionFailed" })).toBe(true);
    expect(groupMatches(group, { error: "timeout" })).toBe(false);
  });

  it("lists a closed group under new once it has new records again", () => {
    expect(groupMatches(group, { state: "new" })).toBe(false);
    expect(groupMatches({ ...group, newCount: 2 }, { state: "new" })).toBe(true);
    expect(groupMatches(group, { state: "resolved" })).toBe(true);
  });
});

describe("trend window", () => {
  it("defaults to the last day and splits it into equal adjacent ranges", () => {
    const now = new Date("2026-01-02T00:00:00Z");
    const window = boardWindow({}, now);
    expect(window.from.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    const ranges = trendRanges(window);
    expect(ranges).toHaveLength(TREND_BUCKETS);
    expect(ranges[0]?.from).toBe(window.from.getTime());
    expect(ranges[TREND_BUCKETS - 1]?.to).toBe(now.getTime());
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.from).toBe(ranges[i - 1]?.to);
  });
});
