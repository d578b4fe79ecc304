import { describe, expect, it } from "vitest";
import type { Event } from "../events/event";
import { eventFromStored } from "../events/stored-layout";
import { eventBulkLines, eventsBulkBody, withoutPayloadLines } from "./events-bulk";
import { eventDocument } from "./indices";

function event(overrides: Partial<Event>): Event {
  return {
    id: "orders:0:7",
    valueSchema: null,
    keySchema: null,
    topic: "orders",
    partition: 0,
    offset: "7",
    key: "order-7",
    headers: [{ key: "event-id", value: "e-1" }],
    eventId: "e-1",
    eventType: "OrderPlaced",
    correlationId: "order-7",
    causationId: null,
    occurredAt: "2026-11-30T23:59:59.000Z",
    timestamp: "2026-11-30T23:59:59.500Z",
    ingestedAt: "2026-12-01T00:00:01.000Z",
    schemaVersion: null,
    service: "order-service",
    envelope: "seed-json",
    payload: { total: 12.5, note: 'says "hi"\n' },
    raw: '{"total":12.5}',
    valueSize: 14,
    flags: [],
    dlq: null,
    attempt: null,
    trace: null,
    contract: "OrderPlaced",
    shape: null,
    ...overrides,
  };
}

function lines(body: Buffer): unknown[] {
  const text = body.toString("utf8");
  expect(text.endsWith("\n")).toBe(true);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as unknown);
}

describe("eventsBulkBody", () => {
  it("indexes each event under its id into the index of its Kafka timestamp's day", () => {
    const first = event({});
    const second = event({ id: "orders:1:3", timestamp: "2026-12-01T00:00:00.100Z" });
    expect(lines(eventsBulkBody("cw", [first, second]))).toEqual([
      { index: { _index: "cw-events-2026.11.30", _id: "orders:0:7" } },
      JSON.parse(JSON.stringify(eventDocument(first))),
      { index: { _index: "cw-events-2026.12.01", _id: "orders:1:3" } },
      JSON.parse(JSON.stringify(eventDocument(second))),
    ]);
  });

  it("keeps multi-byte text intact in the bytes it sends", () => {
    const body = eventsBulkBody("cw", [event({ key: "Zürich → 東京" })]);
    expect(lines(body)[1]).toMatchObject({ key: "Zürich → 東京" });
    expect(body.includes(Buffer.from("東京", "utf8"))).toBe(true);
  });
});

describe("withoutPayloadLines", () => {
  it("reads back as the event without payload and headers, flagged, its raw value kept", () => {
    const refused = event({ payload: { deep: { deeper: [1] } }, raw: '{"deep":{"deeper":[1]}}' });
    const [action, document] = withoutPayloadLines(eventBulkLines("cw", refused))
      .slice(0, -1)
      .split("\n");
    expect(JSON.parse(action ?? "")).toEqual({
      index: { _index: "cw-events-2026.11.30", _id: "orders:0:7" },
    });
    expect(eventFromStored(JSON.parse(document ?? ""))).toEqual({
      ...refused,
      payload: null,
      headers: [],
      flags: ["index-rejected"],
    });
  });
});
