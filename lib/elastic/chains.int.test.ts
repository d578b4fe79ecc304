import { afterAll, describe, expect, it } from "vitest";
import { at, makeEvent } from "@/lib/chain/__fixtures__/events";
import { createElasticsearch } from "@/lib/elastic/client";
import {
  ensureEventsTemplate,
  eventDocument,
  eventsAlias,
  eventsIndexFor,
} from "@/lib/elastic/indices";
import { testConfig, uniqueName } from "@/lib/testing/real-stack";
import { findChainSummaries, findFirstEventPerTopic } from "./chains";

const config = testConfig({});
const es = createElasticsearch(config.elasticsearchUrl);
const prefix = uniqueName("chains");

afterAll(async () => {
  await es.indices.delete({ index: `${prefix}-events-*`, allow_no_indices: true });
  await es.indices.deleteIndexTemplate({ name: `${prefix}-events` }).catch(() => undefined);
  await es.close();
});

describe("findFirstEventPerTopic", () => {
  it("returns the chain's earliest record on each topic by Kafka timestamp, oldest first", async () => {
    await ensureEventsTemplate(es, prefix);
    // Kafka timestamps disagree with the claimed times on purpose: the lag panel goes by the
    // broker's clock, since that is what the lag samples are taken against.
    const events = [
      makeEvent({ topic: "payments", offset: 7, occurredAt: at(1), timestamp: at(9) }),
      makeEvent({ topic: "payments", offset: 8, occurredAt: at(5), timestamp: at(4) }),
      makeEvent({ topic: "orders", offset: 3, occurredAt: at(0), timestamp: at(2) }),
      makeEvent({ topic: "orders", offset: 4, occurredAt: at(3), timestamp: at(3) }),
      makeEvent({ topic: "shipments", correlationId: "order-2", timestamp: at(0) }),
    ];
    await es.bulk({
      refresh: true,
      operations: events.flatMap((event) => [
        { index: { _index: eventsIndexFor(prefix, event.timestamp), _id: event.id } },
        eventDocument(event),
      ]),
    });

    const firsts = await findFirstEventPerTopic(es, prefix, "order-1");

    expect(firsts.map(({ topic, offset }) => `${topic}@${offset}`)).toEqual([
      "orders@3",
      "payments@8",
    ]);
    const whole = await findChainSummaries(es, prefix, "order-1");
    expect(whole.events).toHaveLength(4);
  });

  it("returns nothing for a correlation id nobody has seen", async () => {
    expect(await findFirstEventPerTopic(es, prefix, "never-seen")).toEqual([]);
    expect(await es.indices.exists({ index: eventsAlias(prefix) })).toBe(true);
  });
});
