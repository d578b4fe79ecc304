import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ChainDelivery } from "@/lib/chain/delivery";
import { createKafka } from "@/lib/kafka/client";
import {
  apiFetch,
  eventually,
  produceInOrder,
  testConfig,
  uniqueName,
} from "@/lib/testing/real-stack";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";

/**
 * Delivery status from real committed offsets: one group has read the first event only, so the
 * second is pending for it; a topic nobody reads has no subscriber.
 */
const kafka = createKafka(testConfig({}).kafkaBrokers, "delivery-int-test");
const topic = uniqueName("delivery");
const unread = uniqueName("unread");
// Not "cw…": npm test ignores the groups of the other Causeway collectors on the shared broker.
const group = `payments-${randomUUID()}`;
const correlationId = uniqueName("order");

function record(eventId: string, cause: string | null) {
  return {
    key: correlationId,
    partition: 0,
    value: JSON.stringify({
      event_id: eventId,
      event_type: "Step",
      correlation_id: correlationId,
      causation_id: cause,
      occurred_at: new Date().toISOString(),
    }),
  };
}

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(
    admin,
    [{ topic }, { topic: unread }].map((t) => ({ ...t, numPartitions: 1 })),
  );
  await produceInOrder(
    { topic, messages: [record("e0", null), record("e1", "e0")] },
    { topic: unread, messages: [record("e2", "e1")] },
  );
  await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "1" }] });
  await admin.disconnect();
});

describe("GET /api/chains/{correlationId}/delivery", () => {
  it("tells consumed, pending and no subscriber apart per event and group", async () => {
    const delivery = await eventually(
      "three events and the group's commit",
      async () => {
        const response = await apiFetch(`/api/chains/${correlationId}/delivery`);
        if (!response.ok) return null;
        const body = ChainDelivery.parse(await response.json());
        const first = body.events.find((e) => e.id === `${topic}:0:0`);
        return body.events.length === 3 && first?.groups.some((g) => g.group === group)
          ? body
          : null;
      },
      45_000,
    );
    const byId = new Map(delivery.events.map((e) => [e.id, e]));
    const mine = (id: string) => byId.get(id)?.groups.find((g) => g.group === group);
    expect(mine(`${topic}:0:0`)).toMatchObject({ state: "consumed", committedOffset: "1" });
    expect(mine(`${topic}:0:1`)).toMatchObject({ state: "pending", committedOffset: "1" });
    expect(mine(`${topic}:0:1`)?.pendingMs).toBeGreaterThanOrEqual(0);
    expect(byId.get(`${unread}:0:0`)).toEqual({
      id: `${unread}:0:0`,
      state: "no-subscriber",
      groups: [],
    });
    expect(delivery.pending).toBe(true);
  });

  it("answers 404 for an id nothing carries", async () => {
    const response = await apiFetch(`/api/chains/${uniqueName("nobody")}/delivery`);
    expect(response.status).toBe(404);
  });
});
