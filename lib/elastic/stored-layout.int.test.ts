import { afterAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { decodeRecord } from "@/lib/envelope/decode";
import type { Event } from "@/lib/events/event";
import { planReplay } from "@/lib/replay/plan";
import { testConfig, uniqueName } from "@/lib/testing/real-stack";
import { findChainEvents } from "./chains";
import { getDeadLetter } from "./dead-letters";
import { findEventById } from "./event-by-id";
import { ensureEventsTemplate, eventDocument, eventsIndexFor } from "./indices";

const config = testConfig({});
const es = createElasticsearch(config.elasticsearchUrl);
const prefix = uniqueName("layout");
const correlationId = uniqueName("chain");

afterAll(async () => {
  await es.indices.delete({ index: `${prefix}-events-*`, allow_no_indices: true });
  await es.indices.deleteIndexTemplate({ name: `${prefix}-events` }).catch(() => undefined);
  await es.close();
});

let offset = 0;
function deadLetter(value: Buffer): Event {
  offset += 1;
  return decodeRecord(
    {
      topic: "orders.DLQ",
      partition: 0,
      offset: String(offset),
      timestamp: String(Date.parse("2026-12-07T10:00:00Z") + offset),
      key: Buffer.from("order-1"),
      value,
      headers: { "correlation-id": correlationId },
    },
    { dlqPattern: /\.DLQ$/, rawMaxBytes: 65_536, now: new Date() },
  );
}

function replayedBytes(event: Event): Buffer {
  const plan = planReplay(
    event,
    { recordId: event.id, targetTopic: "orders", reason: "layout test" },
    {
      actor: "test",
      chain: [],
      earlierReplays: [],
      isDeadLetterTopic: () => false,
      targetRefusal: () => null,
    },
  );
  return Buffer.from(plan.value ?? "", plan.valueEncoding === "base64" ? "base64" : "utf8");
}

// Whitespace, key order and a float the JSON would print otherwise: only the stored raw text
// gives these bytes back, a payload re-serialised would not.
const jsonValue = Buffer.from('{ "total": 12.50,\n  "items": [ 1, 2 ], "id": "a" }\n');
// Avro in the Confluent wire format: its payload comes from a schema, not from the bytes.
const avroValue = Buffer.from([0, 0, 0, 0, 7, 0x02, 0x06, 0x61, 0x62, 0x63, 0x00, 0x18]);
const avroPayload = { id: 1, name: "abc", tags: [], total: 12 };

describe("stored layouts", () => {
  it("stores the payload only when raw does not give it, reads both layouts and replays the original bytes", async () => {
    await ensureEventsTemplate(es, prefix);
    const derived = deadLetter(jsonValue);
    const decoded = { ...deadLetter(avroValue), payload: avroPayload };
    const old = deadLetter(jsonValue);
    expect(derived.raw).toBe(jsonValue.toString("utf8"));
    expect(decoded.raw?.startsWith("base64:")).toBe(true);
    expect(decoded.flags).toContain("binary-value");

    const newDerived = eventDocument(derived);
    const newDecoded = eventDocument(decoded);
    expect("payload" in newDerived).toBe(false);
    expect(newDecoded.payload).toEqual(avroPayload);
    // The layout before: payload always in _source beside raw.
    const oldLayout = { ...eventDocument(old), payload: old.payload };
    await es.bulk({
      refresh: true,
      operations: [
        [derived, newDerived],
        [decoded, newDecoded],
        [old, oldLayout],
      ].flatMap(([event, document]) => [
        {
          index: {
            _index: eventsIndexFor(prefix, (event as Event).timestamp),
            _id: (event as Event).id,
          },
        },
        document,
      ]),
    });

    const stored = await es.get<Record<string, unknown>>({
      index: eventsIndexFor(prefix, derived.timestamp),
      id: derived.id,
    });
    expect(stored._source && "payload" in stored._source).toBe(false);

    const chain = await findChainEvents(es, prefix, correlationId);
    expect(chain.events.map((event) => event.id)).toEqual([derived.id, decoded.id, old.id]);
    for (const original of [derived, decoded, old]) {
      const fromChain = chain.events.find((event) => event.id === original.id);
      const byId = await findEventById(es, prefix, original.id);
      const fromDlq = await getDeadLetter(es, prefix, original.id);
      for (const read of [fromChain, byId, fromDlq?.event]) {
        expect(read?.payload).toEqual(original.payload);
        expect(read?.raw).toBe(original.raw);
      }
      const bytes = original === decoded ? avroValue : jsonValue;
      expect(replayedBytes(byId as Event).equals(bytes)).toBe(true);
      expect(replayedBytes(fromDlq?.event as Event).equals(bytes)).toBe(true);
    }
    expect(chain.events[0]?.payload).toEqual({ total: 12.5, items: [1, 2], id: "a" });
  });
});
