import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent } from "@/lib/chain/__fixtures__/events";
import { createElasticsearch } from "@/lib/elastic/client";
import type { Event } from "@/lib/events/event";
import { deleteTestIndices } from "@/lib/testing/cleanup";
import { testConfig, uniqueName } from "@/lib/testing/real-stack";
import { findEventById } from "./event-by-id";
import {
  ensureEventsTemplate,
  eventDocument,
  eventsAlias,
  eventsIndexFor,
  eventsMappings,
} from "./indices";
import { searchChains } from "./search-chains";

/**
 * Payload search over both layouts: today's, where `raw` is the one searchable copy of a text
 * value's words and `payloadFields` holds only what `raw` lacks, and the one before, where an
 * older index kept the whole payload in `payloadFields` and left it out of `_source`.
 */
const config = testConfig({});
const es = createElasticsearch(config.elasticsearchUrl);
const prefix = uniqueName("search");
const word = `zebra${prefix.slice(-8)}`;
const olderIndex = `${prefix}-events-2024.04.30`;

const chain = (name: string) => `${prefix}-${name}`;
const text = makeEvent({
  correlationId: chain("text"),
  payload: { note: `gift ${word} wrap`, sku: `sku-${word}` },
  raw: JSON.stringify({ note: `gift ${word} wrap`, sku: `sku-${word}` }),
});
// A value decoded through a schema registry: its raw is the wire-format bytes.
const decoded = makeEvent({
  correlationId: chain("decoded"),
  payload: { customer: { name: `avro-${word}` }, total: 12 },
  raw: "base64:AAAAAAcCBmFiYxg=",
  flags: ["binary-value"],
});
const escaped = makeEvent({
  correlationId: chain("escaped"),
  payload: { address: `1 Main St\nflat-${word}` },
  raw: JSON.stringify({ address: `1 Main St\nflat-${word}` }),
});
const older = makeEvent({
  correlationId: chain("older"),
  timestamp: "2024-04-30T12:00:00.000Z",
  payload: { code: `old-${word}` },
  raw: JSON.stringify({ code: `old-${word}` }),
});

async function index(operations: [Event, unknown][]): Promise<void> {
  const response = await es.bulk({
    refresh: true,
    operations: operations.flatMap(([event, document]) => [
      { index: { _index: eventsIndexFor(prefix, event.timestamp), _id: event.id } },
      document,
    ]),
  });
  expect(response.errors).toBe(false);
}

beforeAll(async () => {
  // The mapping and documents an earlier version wrote: the payload whole, out of `_source`.
  await es.indices.create({
    index: olderIndex,
    mappings: { ...eventsMappings, _source: { excludes: ["payloadFields"] } },
    aliases: { [eventsAlias(prefix)]: {} },
  });
  await index([
    [older, { ...eventDocument(older), payload: older.payload, payloadFields: older.payload }],
  ]);
  await ensureEventsTemplate(es, prefix);
  await index([text, decoded, escaped].map((event) => [event, eventDocument(event)]));
});

afterAll(async () => {
  await deleteTestIndices(es, prefix);
  await es.close();
});

async function found(q: string): Promise<string[]> {
  const { results } = await searchChains(es, prefix, { q, from: null, to: null, limit: 10 });
  for (const result of results) expect(result.matchedOn).toEqual(["payload"]);
  return results.map((result) => result.correlationId);
}

describe("payload search", () => {
  it("finds a text value by a word and by a whole value, through raw alone", async () => {
    expect(eventDocument(text)).not.toHaveProperty("payloadFields");
    expect(await found(word)).toEqual(expect.arrayContaining([chain("text")]));
    expect(await found(`sku-${word}`)).toEqual([chain("text")]);
    expect(await found(`GIFT ${word}`)).toEqual([chain("text")]);
  });

  it("finds a registry-decoded value, whose raw holds none of its words", async () => {
    expect(await found(`avro-${word}`)).toEqual([chain("decoded")]);
  });

  it("finds a value JSON escapes, whose words raw holds otherwise", async () => {
    expect(await found(`1 Main St\nflat-${word}`)).toEqual([chain("escaped")]);
  });

  it("finds values in an index an earlier version made, by a word and by a whole value", async () => {
    expect(await found(`old-${word}`)).toEqual([chain("older")]);
    expect(await found(word)).toEqual(expect.arrayContaining([chain("older"), chain("text")]));
  });

  it("reads events of both layouts without the searchable copy", async () => {
    for (const event of [text, decoded, escaped, older]) {
      const read = await findEventById(es, prefix, event.id);
      expect(read).toEqual(event);
    }
  });
});
