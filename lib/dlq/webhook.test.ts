import { describe, expect, it } from "vitest";
import { makeEvent } from "../chain/__fixtures__/events";
import { deadLetterGroupKey } from "./fingerprint";
import {
  delivered,
  DlqGroupNotification,
  groupCandidates,
  groupNotification,
  notificationClaimId,
  regressionOf,
  worthRetrying,
} from "./webhook";

function declined(offset: number, order: string) {
  return makeEvent({
    topic: "payments.DLQ",
    offset,
    correlationId: order,
    dlq: {
      originalTopic: "payments",
      consumerGroup: "payment-service",
      errorClass: "com.shop.CardDeclinedException",
      errorMessage: `card declined for ${order}`,
    },
  });
}

function timedOut(offset: number) {
  return makeEvent({
    topic: "payments.DLQ",
    offset,
    dlq: { errorClass: "java.net.SocketTimeoutException", errorMessage: "Read timed out" },
  });
}

describe("groupCandidates", () => {
  it("gives one candidate per fingerprint, with the group's first dead letter in the batch", () => {
    const first = declined(10, "o-1");
    const firstTimeout = timedOut(12);
    const batch = [
      first,
      makeEvent({ topic: "payments.DLQ", offset: 11 }),
      firstTimeout,
      declined(13, "o-2"),
      timedOut(14),
    ];
    const candidates = groupCandidates(batch);
    expect(candidates.map((c) => c.first.offset)).toEqual(["10", "12"]);
    expect(candidates.map((c) => c.group)).toEqual([
      deadLetterGroupKey(first),
      deadLetterGroupKey(firstTimeout),
    ]);
  });

  it("finds nothing in a batch without dead letters", () => {
    expect(groupCandidates([makeEvent(), makeEvent()])).toEqual([]);
  });
});

describe("groupNotification", () => {
  const at = new Date("2026-11-23T12:00:00.000Z");

  it("describes the group and links to its board and to the first record's chain", () => {
    const record = declined(10, "order 7/a");
    const [candidate] = groupCandidates([record]);
    if (!candidate) throw new Error("no candidate");
    const notification = groupNotification(candidate, "https://causeway.example/ops", at);
    expect(DlqGroupNotification.parse(notification)).toEqual({
      event: "dlq.group.new",
      fingerprint: deadLetterGroupKey(record)?.fingerprint,
      dlqTopic: "payments.DLQ",
      errorClass: "com.shop.CardDeclinedException",
      message: "card declined for order <*>",
      firstRecordId: "payments.DLQ:0:10",
      correlationId: "order 7/a",
      originalTopic: "payments",
      consumerGroup: "payment-service",
      at: "2026-11-23T12:00:00.000Z",
      regressedAfter: null,
      boardUrl: "https://causeway.example/ops/dlq?topic=payments.DLQ",
      chainUrl: "https://causeway.example/ops/chains/order%207%2Fa",
    });
  });

  it("says a group failed again after it was closed, and since when", () => {
    const [candidate] = groupCandidates([declined(11, "order 8")]);
    if (!candidate) throw new Error("no candidate");
    const since = { state: "resolved", since: "2026-11-23T11:00:00.000Z" } as const;
    const notification = groupNotification(candidate, "http://127.0.0.1:3000", at, since);
    expect(notification.event).toBe("dlq.group.regressed");
    expect(notification.regressedAfter).toEqual(since);
  });

  it("has no chain link for a dead letter without a correlation id", () => {
    const [candidate] = groupCandidates([
      makeEvent({ topic: "x-dlq", correlationId: null, dlq: { errorMessage: "boom" } }),
    ]);
    if (!candidate) throw new Error("no candidate");
    const notification = groupNotification(candidate, "http://127.0.0.1:3000", at);
    expect(notification.chainUrl).toBeNull();
    expect(notification.originalTopic).toBeNull();
  });
});

describe("delivery outcomes", () => {
  it.each([
    [{ error: "connect ECONNREFUSED" }, true],
    [{ status: 500 }, true],
    [{ status: 503 }, true],
    [{ status: 429 }, true],
    [{ status: 400 }, false],
    [{ status: 404 }, false],
    [{ status: 200 }, false],
  ])("retries %j: %s", (attempt, retry) => {
    expect(worthRetrying(attempt)).toBe(retry);
  });

  it("counts only 2xx as delivered", () => {
    expect(delivered({ status: 204 })).toBe(true);
    expect(delivered({ status: 302 })).toBe(false);
    expect(delivered({ error: "timeout" })).toBe(false);
  });

  it("claims a group's first failure once, and each failure after a closing once", () => {
    expect(notificationClaimId("abc123", null)).toBe("webhook:abc123");
    expect(notificationClaimId("abc123", "2026-11-23T11:00:00.000Z")).toBe(
      "webhook:abc123@2026-11-23T11:00:00.000Z",
    );
  });
});

describe("regressionOf", () => {
  const closedAt = "2026-11-23T11:00:00.000Z";

  it.each(["resolved", "replayed", "discarded"] as const)(
    "reopens a group %s before the dead letter",
    (state) => {
      expect(regressionOf({ state, stateSince: closedAt }, "2026-11-23T11:00:01.000Z")).toEqual({
        state,
        since: closedAt,
      });
    },
  );

  it("does not reopen for a dead letter from before the closing", () => {
    expect(
      regressionOf({ state: "resolved", stateSince: closedAt }, "2026-11-23T10:59:59.000Z"),
    ).toBeNull();
  });

  it.each(["new", "investigating"] as const)("leaves a group that is %s alone", (state) => {
    expect(regressionOf({ state, stateSince: closedAt }, "2026-11-23T12:00:00.000Z")).toBeNull();
  });

  it("leaves a group nobody triaged alone", () => {
    expect(regressionOf(null, "2026-11-23T12:00:00.000Z")).toBeNull();
  });
});
