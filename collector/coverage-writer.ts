import type { Client } from "@elastic/elasticsearch";
import { writeCoverage, type Coverage } from "@/lib/elastic/coverage";
import type { Logger } from "@/lib/log";
import { BackgroundWriter } from "./background-writer";

/** The coverage index, per partition the highest acknowledged offset, written off the ingest path. */
export function coverageWriter(
  es: Client,
  prefix: string,
  log: Logger,
): BackgroundWriter<Coverage> {
  return new BackgroundWriter<Coverage>({
    what: "coverage",
    log,
    key: (entry) => `${entry.topic}\u0000${entry.partition}`,
    replaces: (entry, waiting) => BigInt(entry.offset) >= BigInt(waiting.offset),
    write: (entries) => writeCoverage(es, prefix, entries),
  });
}
