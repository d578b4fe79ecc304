import { randomInt, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import type { Client, estypes } from "@elastic/elasticsearch";
import { loadConfig } from "@/lib/config/config";
import { eventDocument, eventsMappings } from "@/lib/elastic/indices";
import { decodeRecord } from "@/lib/envelope/decode";
import type { Event } from "@/lib/events/event";
import { deleteIndices } from "./cleanup";
import { benchElasticsearch, positiveInt, runBench } from "./common";
import { toRawRecord } from "./kafka";
import { benchTopics, defaultShape, generateRecords, type BenchRecord } from "./records";
import { formatBytes } from "./stats";

/**
 * bench/storage: bytes on disk per record ÷ Kafka value bytes per record, after a flush and a
 * force-merge to one segment, for the layout before issue 17 (payload stored beside raw and indexed
 * whole as fields `_source` leaves out, default codec, every doc value) and the layout of today,
 * side by side over the same documents.
 * With --fields, each layout's bytes are also broken down by field (Elasticsearch's _disk_usage).
 * Usage: npm run bench:storage -- [--records N] [--fields]
 */

const { values: args } = parseArgs({
  options: {
    records: { type: "string", default: "10000" },
    fields: { type: "boolean", default: false },
  },
});

const config = loadConfig(process.env);
const es = benchElasticsearch(config.elasticsearchUrl);
const run = `cwbench-storage-${randomUUID().slice(0, 8)}`;
let created = 0;

type Layout = {
  name: string;
  body: { settings: estypes.IndicesIndexSettings; mappings: estypes.MappingTypeMapping };
  document: (event: Event) => unknown;
};

/** The mapping before: the same fields without the storage options issue 17 added. */
function withoutStorageOptions(properties: Record<string, estypes.MappingProperty>) {
  const legacy: Record<string, estypes.MappingProperty> = {};
  for (const [name, property] of Object.entries(properties)) {
    const copy = { ...property } as Record<string, unknown>;
    delete copy.doc_values;
    delete copy.index_options;
    delete copy.norms;
    if (copy.properties) {
      copy.properties = withoutStorageOptions(copy.properties as typeof properties);
    }
    if (copy.fields) copy.fields = withoutStorageOptions(copy.fields as typeof properties);
    legacy[name] = copy as estypes.MappingProperty;
  }
  return legacy;
}

/** The whole payload as searchable fields, left out of `_source`: how it was indexed before. */
function everyPayloadField(payload: unknown): unknown {
  if (payload === null) return undefined;
  return typeof payload === "object" && !Array.isArray(payload) ? payload : { value: payload };
}

const base = { number_of_shards: 1, number_of_replicas: 0, refresh_interval: "-1" };
const layouts: Layout[] = [
  {
    name: "before",
    body: {
      settings: base,
      mappings: {
        ...eventsMappings,
        _source: { excludes: ["payloadFields"] },
        properties: withoutStorageOptions(eventsMappings.properties ?? {}),
      },
    },
    document: (event) => ({
      ...eventDocument(event),
      payload: event.payload,
      payloadFields: everyPayloadField(event.payload),
    }),
  },
  {
    name: "now",
    body: { settings: { ...base, codec: "best_compression" }, mappings: eventsMappings },
    document: eventDocument,
  },
];

/** 1 KB JSON documents of the kind services emit: ids, amounts, nested objects, some prose. */
function jsonRecords(count: number): BenchRecord[] {
  const words = ["order", "paid", "shipped", "late", "refund", "priority", "gift", "fragile"];
  return Array.from({ length: count }, (_, i) => {
    const value: Record<string, unknown> = {
      eventId: randomUUID(),
      correlationId: `corr-${randomUUID()}`,
      type: "AccountUpdated",
      at: new Date(Date.UTC(2026, 11, 7) + i * 1000).toISOString(),
      account: { id: `acc-${randomInt(1e9)}`, balance: randomInt(1e7) / 100, currency: "EUR" },
      notes: [] as string[],
    };
    const notes = value.notes as string[];
    while (JSON.stringify(value).length < 1000) {
      notes.push(Array.from({ length: 6 }, () => words[randomInt(words.length)]).join(" "));
    }
    return {
      topic: "accounts",
      partition: i % 3,
      key: String(value.eventId),
      value: JSON.stringify(value),
      headers: {},
      timestamp: String(Date.UTC(2026, 11, 7) + i * 1000),
      eventId: String(value.eventId),
    };
  });
}

function decodeAll(records: readonly BenchRecord[]): Event[] {
  const now = new Date();
  return records.map((record, i) =>
    decodeRecord(toRawRecord(record, String(i)), {
      dlqPattern: config.dlqPattern,
      rawMaxBytes: config.rawMaxBytes,
      now,
    }),
  );
}

async function storedBytes(client: Client, layout: Layout, events: readonly Event[]) {
  created += 1;
  const index = `${run}-${layout.name}-${created}`;
  await client.indices.create({ index, ...layout.body });
  for (let i = 0; i < events.length; i += 1000) {
    const response = await client.bulk({
      operations: events
        .slice(i, i + 1000)
        .flatMap((event) => [{ index: { _index: index, _id: event.id } }, layout.document(event)]),
    });
    if (response.errors) throw new Error(`bulk into ${index} reported errors`);
  }
  await client.indices.refresh({ index });
  await client.indices.flush({ index });
  await client.indices.forcemerge({ index, max_num_segments: 1 });
  const stats = await client.indices.stats({ index, metric: "store" });
  return { index, bytes: stats._all.primaries?.store?.size_in_bytes ?? 0 };
}

type FieldUsage = {
  total_in_bytes: number;
  inverted_index: { total_in_bytes: number };
  stored_fields_in_bytes: number;
  doc_values_in_bytes: number;
  points_in_bytes: number;
  norms_in_bytes: number;
};

/** The fields that take the most bytes of an index, with what each spends them on. */
async function printFieldUsage(client: Client, index: string, valueBytes: number, records: number) {
  const usage = (await client.indices.diskUsage({ index, run_expensive_tasks: true })) as Record<
    string,
    { fields: Record<string, FieldUsage> }
  >;
  const fields = Object.entries(usage[index]?.fields ?? {})
    .sort(([, a], [, b]) => b.total_in_bytes - a.total_in_bytes)
    .slice(0, 8);
  for (const [name, field] of fields) {
    const parts = [
      ["terms", field.inverted_index.total_in_bytes],
      ["stored", field.stored_fields_in_bytes],
      ["doc values", field.doc_values_in_bytes],
      ["points", field.points_in_bytes],
      ["norms", field.norms_in_bytes],
    ].filter(([, bytes]) => Number(bytes) > 0);
    console.log(
      `            ${name.padEnd(22)} ${(field.total_in_bytes / valueBytes).toFixed(2)}  (${parts.map(([part, bytes]) => `${part} ${Math.round(Number(bytes) / records)} B`).join(", ")} per record)`,
    );
  }
}

async function measure(label: string, records: readonly BenchRecord[]): Promise<void> {
  const events = decodeAll(records);
  const valueBytes = records.reduce((sum, r) => sum + Buffer.byteLength(r.value), 0);
  const documents = events.map(eventDocument);
  const stored = documents.filter((document) => "payload" in document).length;
  const beyondRaw = documents.filter((document) => "payloadFields" in document).length;
  console.log("");
  console.log(
    `${label}: ${records.length} records, mean value ${Math.round(valueBytes / records.length)} B; payload stored beside raw for ${stored}, values beyond raw's words for ${beyondRaw}`,
  );
  for (const layout of layouts) {
    const { index, bytes } = await storedBytes(es, layout, events);
    console.log(
      `  ${layout.name.padEnd(7)} ${formatBytes(bytes).padStart(10)} on disk  ${(bytes / valueBytes).toFixed(2)} bytes per value byte  (goal ≤ 1.00)`,
    );
    if (args.fields) await printFieldUsage(es, index, valueBytes, records.length);
  }
}

async function main(): Promise<void> {
  const count = positiveInt(args.records, "--records");
  await measure("demo mix", generateRecords(count, benchTopics(run), defaultShape));
  await measure("1 KB JSON", jsonRecords(count));
}

runBench(main, async () => {
  await deleteIndices(es, run);
  await es.close();
});
