import type { FixtureRecord } from "../testing/envelope-fixtures";
import type { DecodeOptions } from "./decode";
import type { RawRecord } from "./raw-record";

export const testNow = new Date("2026-11-23T10:00:00.000Z");

export const testOptions: DecodeOptions = {
  dlqPattern: /(^|[._-])(dlq|dlt|dead-letter)($|[._-])/i,
  rawMaxBytes: 1024,
  now: testNow,
};

/** A consumed record for unit tests, built from a fixture as a producer would send it. */
export function rawRecord(fixture: FixtureRecord, topic = "orders"): RawRecord {
  const bytes = (value: string | Buffer | null) =>
    value === null ? null : typeof value === "string" ? Buffer.from(value) : value;
  return {
    topic,
    partition: 1,
    offset: "42",
    timestamp: String(Date.parse("2026-11-23T09:59:59.000Z")),
    key: bytes(fixture.key),
    value: bytes(fixture.value),
    headers: Object.fromEntries(
      Object.entries(fixture.headers).map(([name, value]) => [name, bytes(value) ?? undefined]),
    ),
  };
}
