import { z } from "zod";
import { RegisteredVersion } from "../registry/registered-version";
import type { StoredShape } from "../elastic/shapes";
import { describeDrift, diffShapes, isBreaking, isEmptyDiff } from "./drift";

const Field = z.object({
  path: z.string(),
  type: z.enum(["string", "number", "boolean", "null", "object", "array"]),
});

/** One observed payload shape of an event type, with where and how often it was seen. */
export const ContractVersion = z.object({
  shapeId: z.string(),
  /** Null while the collector has not stored the shape's fields yet. */
  fields: z.array(Field).nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  records: z.number().int(),
  /** The `schema_version` values records of this shape declared. */
  schemaVersions: z.array(z.string()),
  /** The registry schema ids records of this shape were decoded with. */
  schemaIds: z.array(z.number().int()),
});
export type ContractVersion = z.infer<typeof ContractVersion>;

export const ContractDrift = z.object({
  fromShape: z.string(),
  toShape: z.string(),
  at: z.string(),
  removed: z.array(Field),
  added: z.array(Field),
  changed: z.array(
    z.object({ path: z.string(), from: z.array(Field.shape.type), to: z.array(Field.shape.type) }),
  ),
  breaking: z.boolean(),
  /** Share of the event type's records since `at` that have the new shape. */
  shareSince: z.number().nullable(),
  sentence: z.string(),
});
export type ContractDrift = z.infer<typeof ContractDrift>;

/** A consumer group with committed offsets on a topic the event type travels on. */
export const ContractConsumer = z.object({ group: z.string(), topics: z.array(z.string()) });
export type ContractConsumer = z.infer<typeof ContractConsumer>;

export const ContractSummary = z.object({
  eventType: z.string(),
  topics: z.array(z.string()),
  /** Services that produced it, from the envelopes. */
  producers: z.array(z.string()),
  records: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  shapeCount: z.number().int(),
  breakingDrifts: z.number().int(),
  /** The newest drift, as a sentence. */
  latestDrift: z.string().nullable(),
  /** Records whose bytes did not decode with the registry schema their id names: breaking. */
  schemaMismatches: z.number().int(),
});
export type ContractSummary = z.infer<typeof ContractSummary>;

export const ContractDetail = ContractSummary.extend({
  schemaVersions: z.array(z.string()),
  /** Registry subjects the values were decoded with. */
  subjects: z.array(z.string()),
  /** Every version registered under those subjects; null when no registry is configured. */
  registered: z.array(RegisteredVersion).nullable(),
  /** Why the registered versions could not be read; null when they were. */
  registryError: z.string().nullable(),
  versions: z.array(ContractVersion),
  drifts: z.array(ContractDrift),
  consumers: z.array(ContractConsumer),
  /** Why consumers could not be read (Kafka unreachable); null when they were. */
  consumersError: z.string().nullable(),
});
export type ContractDetail = z.infer<typeof ContractDetail>;

export const ContractList = z.object({ contracts: z.array(ContractSummary) });

/** What the index aggregates for one event type (lib/elastic/contracts.ts). */
export type ContractAggregate = {
  eventType: string;
  records: number;
  firstSeen: string;
  lastSeen: string;
  topics: string[];
  producers: string[];
  schemaVersions: string[];
  subjects: string[];
  schemaMismatches: number;
  shapes: Omit<ContractVersion, "fields">[];
};

/** The registry's side: versions of the subjects, unread without a registry or on failure. */
export type Registered = { versions: RegisteredVersion[] | null; error: string | null };

/**
 * An event type's versions, oldest first, and the drift between each shape and the one seen
 * before it. `consumersByTopic` holds the groups per topic; `shares` the share of records with
 * each shape since it appeared, when they were measured.
 */
export function buildContract(
  aggregate: ContractAggregate,
  stored: ReadonlyMap<string, StoredShape>,
  consumersByTopic: ReadonlyMap<string, readonly string[]> | { error: string },
  shares: ReadonlyMap<string, number> = new Map(),
  registered: Registered = { versions: null, error: null },
): ContractDetail {
  const versions = aggregate.shapes
    .map((shape) => ({ ...shape, fields: stored.get(shape.shapeId)?.fields ?? null }))
    .sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.shapeId.localeCompare(b.shapeId));
  const known = "error" in consumersByTopic ? null : consumersByTopic;
  const consumers = new Map(
    known === null
      ? []
      : aggregate.topics.map((topic) => [topic, [...(known.get(topic) ?? [])].sort()]),
  );
  const drifts: ContractDrift[] = [];
  const withFields = versions.filter((version) => version.fields !== null);
  for (let i = 1; i < withFields.length; i++) {
    const before = withFields[i - 1];
    const after = withFields[i];
    if (!before?.fields || !after?.fields) continue;
    const diff = diffShapes(before.fields, after.fields);
    if (isEmptyDiff(diff)) continue;
    const shareSince = shares.get(after.shapeId) ?? null;
    drifts.push({
      fromShape: before.shapeId,
      toShape: after.shapeId,
      at: after.firstSeen,
      ...diff,
      breaking: isBreaking(diff),
      shareSince,
      sentence: describeDrift({
        contract: aggregate.eventType,
        diff,
        at: after.firstSeen,
        shareSince,
        consumers,
      }),
    });
  }
  const groups = new Map<string, string[]>();
  for (const [topic, names] of consumers) {
    for (const group of names) groups.set(group, [...(groups.get(group) ?? []), topic]);
  }
  return {
    eventType: aggregate.eventType,
    topics: aggregate.topics,
    producers: aggregate.producers,
    records: aggregate.records,
    firstSeen: aggregate.firstSeen,
    lastSeen: aggregate.lastSeen,
    shapeCount: versions.length,
    breakingDrifts: drifts.filter((drift) => drift.breaking).length,
    latestDrift: drifts.at(-1)?.sentence ?? null,
    schemaVersions: aggregate.schemaVersions,
    schemaMismatches: aggregate.schemaMismatches,
    subjects: aggregate.subjects,
    registered: registered.versions,
    registryError: registered.error,
    versions,
    drifts,
    consumers: [...groups]
      .map(([group, topics]) => ({ group, topics }))
      .sort((a, b) => a.group.localeCompare(b.group)),
    consumersError: "error" in consumersByTopic ? consumersByTopic.error : null,
  };
}

export function summaryOf(detail: ContractDetail): ContractSummary {
  return ContractSummary.parse(detail);
}
