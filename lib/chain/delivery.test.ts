import { describe, expect, it } from "vitest";
import { chainDelivery, type CommittedOffsets } from "./delivery";
import { at, makeEvent } from "./__fixtures__/events";

const placed = makeEvent({ topic: "orders", offset: 10, eventId: "o", occurredAt: at(0) });
const deadLetter = makeEvent({
  ...placed,
  topic: "orders.DLQ",
  offset: 0,
  dlq: {
    originalTopic: "orders",
    originalPartition: 0,
    originalOffset: "10",
    consumerGroup: "billing",
  },
});

function offsets(entries: [topic: string, group: string, partition: number, offset: number][]) {
  const result = new Map<string, Map<string, Map<number, bigint>>>();
  for (const [topic, group, partition, offset] of entries) {
    const groups = result.get(topic) ?? new Map<string, Map<number, bigint>>();
    groups.set(group, new Map([[partition, BigInt(offset)]]));
    result.set(topic, groups);
  }
  return result as CommittedOffsets;
}

describe("delivery status", () => {
  it("tells consumed, pending for N ms, dead-lettered and no subscriber apart", () => {
    const delivery = chainDelivery(
      "order-1",
      [placed, deadLetter],
      offsets([
        ["orders", "shipping", 0, 11],
        ["orders", "payments", 0, 10],
        ["orders", "billing", 0, 11],
      ]),
      Date.parse(at(41)),
    );

    expect(delivery.events[0]).toEqual({
      id: "orders:0:10",
      state: "dead-lettered",
      groups: [
        {
          group: "billing",
          state: "dead-lettered",
          committedOffset: "11",
          pendingMs: null,
          deadLetterIds: ["orders.DLQ:0:0"],
        },
        {
          group: "payments",
          state: "pending",
          committedOffset: "10",
          pendingMs: 41_000,
          deadLetterIds: [],
        },
        {
          group: "shipping",
          state: "consumed",
          committedOffset: "11",
          pendingMs: null,
          deadLetterIds: [],
        },
      ],
    });
    expect(delivery.events[1]).toEqual({
      id: "orders.DLQ:0:0",
      state: "no-subscriber",
      groups: [],
    });
    expect(delivery.pending).toBe(true);
    expect(delivery.offsetsReadAt).toBe(at(41));
  });

  it("counts a group without a commit on the event's partition as not having read it", () => {
    const delivery = chainDelivery(
      "order-1",
      [placed],
      offsets([["orders", "payments", 1, 500]]),
      Date.parse(at(2)),
    );
    expect(delivery.events[0]?.groups[0]).toMatchObject({
      state: "pending",
      committedOffset: null,
      pendingMs: 2000,
    });
  });
});
