import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { decodeRecord, type DecodeOptions } from "@/lib/envelope/decode";
import { RegistryDecoder } from "@/lib/registry/registry-decoder";

/**
 * Decoding cost per record: an Avro record through the registry (schema cached) and the envelope
 * decoders, against the same event as JSON. Needs the schema registry at SCHEMA_REGISTRY_URL.
 */
const url = (process.env.SCHEMA_REGISTRY_URL ?? "http://127.0.0.1:8081/apis/ccompat/v7").replace(
  /\/+$/,
  "",
);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 20_000);
const schema = JSON.stringify({
  type: "record",
  name: "OrderPlaced",
  namespace: "bench",
  fields: [
    { name: "eventId", type: "string" },
    { name: "eventType", type: "string" },
    { name: "correlationId", type: "string" },
    { name: "amount", type: "long" },
    { name: "currency", type: "string" },
  ],
});
const options: DecodeOptions = { dlqPattern: /dlq/, rawMaxBytes: 65_536, now: new Date() };
const event = (i: number) => ({
  eventId: `e-${i}`,
  eventType: "OrderPlaced",
  correlationId: `order-${i % 100}`,
  amount: i,
  currency: "EUR",
});
const record = (offset: number, value: Buffer) => ({
  topic: "orders",
  partition: 0,
  offset: String(offset),
  timestamp: String(Date.now()),
  key: null,
  value,
  headers: {},
});

const registry = new SchemaRegistry({ host: url });
const { id } = await registry.register(
  { type: SchemaType.AVRO, schema },
  { subject: "causeway-bench-decode-value" },
);
const avro = await Promise.all(
  Array.from({ length: RECORDS }, (_, i) => registry.encode(id, event(i))),
);
const json = Array.from({ length: RECORDS }, (_, i) => Buffer.from(JSON.stringify(event(i))));
const decoder = new RegistryDecoder({ url, username: null, password: null });
await decoder.decode(avro[0] ?? null); // fetches and caches the schema before timing

async function time(run: () => Promise<void>): Promise<number> {
  await run(); // warm-up
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1_000 / RECORDS;
}

const jsonUs = await time(async () => {
  json.forEach((value, i) => decodeRecord(record(i, value), options));
});
const avroUs = await time(async () => {
  for (let i = 0; i < avro.length; i++) {
    const value = avro[i] ?? null;
    const decoded = await decoder.decode(value);
    const event = decodeRecord(
      { ...record(i, value ?? Buffer.alloc(0)), registry: { value: decoded, key: null } },
      options,
    );
    if (event.eventId === null) throw new Error("Avro record not decoded");
  }
});
console.log(`records: ${RECORDS}`);
console.log(`json  ${jsonUs.toFixed(2)} µs/record`);
console.log(`avro  ${avroUs.toFixed(2)} µs/record`);
console.log(`ratio avro/json ${(avroUs / jsonUs).toFixed(2)}x`);
