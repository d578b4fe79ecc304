import type { Client, estypes } from "@elastic/elasticsearch";
import { boardWindow, type BoardFilter, type DeadLetterGroup, trendRanges } from "../dlq/board";
import { DeadLetterGroupKey } from "../dlq/fingerprint";
import type { Triage } from "../dlq/triage";
import type { DeadLetterSummary, Event } from "../events/event";
import { eventFromStored } from "../events/stored-layout";
import { eventsAlias } from "./indices";

/** Reads of dead letters from the events index, grouped by the fingerprint stored with each. */

type Query = estypes.QueryDslQueryContainer;
const FINGERPRINT = "dlqGroup.fingerprint";
const MAX_GROUPS = 500;
const MAX_TOPICS = 500;

function deadLetterFilter(filter: Pick<BoardFilter, "topic" | "from" | "to">): Query[] {
  return [
    { exists: { field: FINGERPRINT } },
    ...(filter.topic ? [{ term: { topic: filter.topic } }] : []),
    ...(filter.from || filter.to
      ? [{ range: { timestamp: { gte: filter.from, lte: filter.to } } }]
      : []),
  ];
}

/**
 * Dead letters whose state is `new`: a record's own triage says so, or it has none and its
 * group's triage does not cover it (see `effectiveRecordState`).
 */
export function newRecordsQuery(groups: readonly Triage[], records: readonly Triage[]): Query {
  const covered: Query[] = [];
  for (const triage of groups) {
    if (triage.target.kind !== "group") continue;
    const inGroup: Query = { term: { [FINGERPRINT]: triage.target.fingerprint } };
    covered.push(
      triage.state === "investigating"
        ? inGroup
        : { bool: { filter: [inGroup, { range: { timestamp: { lte: triage.stateSince } } }] } },
    );
  }
  const recordIds = (state: (t: Triage) => boolean) =>
    records.flatMap((t) => (t.target.kind === "record" && state(t) ? [t.target.recordId] : []));
  const ownNew = recordIds((t) => t.state === "new");
  const ownAny = recordIds(() => true);
  return {
    bool: {
      should: [
        ...(ownNew.length > 0 ? [{ terms: { id: ownNew } }] : []),
        {
          bool: {
            must_not: [...(ownAny.length > 0 ? [{ terms: { id: ownAny } }] : []), ...covered],
          },
        },
      ],
      minimum_should_match: 1,
    },
  };
}

type Bucket = { key: string; doc_count: number };
type GroupBucket = Bucket & {
  firstSeen: { value_as_string?: string };
  lastSeen: { value_as_string?: string };
  sample: { hits: { hits: { _source?: unknown }[] } };
  originalTopics: { buckets: Bucket[] };
  consumerGroups: { buckets: Bucket[] };
  trend: { buckets: { doc_count: number }[] };
  newRecords: { doc_count: number };
};

type Sample = {
  topic: string;
  dlqGroup: DeadLetterGroupKey;
  dlq: Partial<
    Pick<
      DeadLetterSummary,
      "errorMessage" | "wrapperClass" | "stage" | "stageClass" | "connectorName" | "taskId"
    >
  > | null;
};

const SAMPLE_FIELDS = [
  "errorMessage",
  "wrapperClass",
  "stage",
  "stageClass",
  "connectorName",
  "taskId",
].map((field) => `dlq.${field}`);

export type GroupRow = Omit<DeadLetterGroup, "state" | "triage">;

export async function findDeadLetterGroups(
  es: Client,
  prefix: string,
  filter: BoardFilter,
  triages: { groups: readonly Triage[]; records: readonly Triage[] },
  now: Date,
): Promise<{
  groups: GroupRow[];
  topics: { topic: string; depth: number }[];
  window: { from: string; to: string };
}> {
  const window = boardWindow(filter, now);
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    query: { bool: { filter: deadLetterFilter(filter) } },
    aggs: {
      topics: { terms: { field: "topic", size: MAX_TOPICS, order: { _key: "asc" } } },
      groups: {
        terms: { field: FINGERPRINT, size: MAX_GROUPS, order: { lastSeen: "desc" } },
        aggs: {
          firstSeen: { min: { field: "timestamp" } },
          lastSeen: { max: { field: "timestamp" } },
          sample: {
            top_hits: {
              size: 1,
              sort: [{ timestamp: "desc" }],
              _source: { includes: ["topic", "dlqGroup", ...SAMPLE_FIELDS] },
            },
          },
          originalTopics: { terms: { field: "dlq.originalTopic", size: 5 } },
          consumerGroups: { terms: { field: "dlq.consumerGroup", size: 5 } },
          trend: { range: { field: "timestamp", ranges: trendRanges(window) } },
          newRecords: { filter: newRecordsQuery(triages.groups, triages.records) },
        },
      },
    },
  });
  const aggregations = response.aggregations as
    { topics: { buckets: Bucket[] }; groups: { buckets: GroupBucket[] } } | undefined;
  const groups = (aggregations?.groups.buckets ?? []).map((bucket): GroupRow => {
    const sample = bucket.sample.hits.hits[0]?._source as Sample | undefined;
    return {
      fingerprint: bucket.key,
      dlqTopic: sample?.topic ?? "",
      errorClass: sample?.dlqGroup.errorClass ?? null,
      wrapperClass: sample?.dlq?.wrapperClass ?? null,
      stage: sample?.dlq?.stage ?? null,
      stageClass: sample?.dlq?.stageClass ?? null,
      connectorName: sample?.dlq?.connectorName ?? null,
      taskId: sample?.dlq?.taskId ?? null,
      message: sample?.dlqGroup.message ?? "",
      sampleMessage: sample?.dlq?.errorMessage ?? null,
      count: bucket.doc_count,
      newCount: bucket.newRecords.doc_count,
      firstSeen: bucket.firstSeen.value_as_string ?? "",
      lastSeen: bucket.lastSeen.value_as_string ?? "",
      trend: bucket.trend.buckets.map((b) => b.doc_count),
      originalTopics: bucket.originalTopics.buckets.map((b) => b.key),
      consumerGroups: bucket.consumerGroups.buckets.map((b) => b.key),
    };
  });
  return {
    groups,
    topics: (aggregations?.topics.buckets ?? []).map((b) => ({ topic: b.key, depth: b.doc_count })),
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
  };
}

/** Count of new dead letters and the depth of every DLQ topic, for the navigation badge. */
export async function countDeadLetters(
  es: Client,
  prefix: string,
  triages: { groups: readonly Triage[]; records: readonly Triage[] },
): Promise<{ newCount: number; topics: { topic: string; depth: number }[] }> {
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    query: { bool: { filter: deadLetterFilter({}) } },
    aggs: {
      topics: { terms: { field: "topic", size: MAX_TOPICS, order: { _key: "asc" } } },
      newRecords: { filter: newRecordsQuery(triages.groups, triages.records) },
    },
  });
  const aggregations = response.aggregations as
    { topics: { buckets: Bucket[] }; newRecords: { doc_count: number } } | undefined;
  return {
    newCount: aggregations?.newRecords.doc_count ?? 0,
    topics: (aggregations?.topics.buckets ?? []).map((b) => ({ topic: b.key, depth: b.doc_count })),
  };
}

const MAX_GROUP_RECORDS = 500;

export type StoredDeadLetter = { event: Event; fingerprint: string };

function storedDeadLetter(source: unknown): StoredDeadLetter {
  const { dlqGroup } = source as { dlqGroup: unknown };
  return {
    event: eventFromStored(source),
    fingerprint: DeadLetterGroupKey.parse(dlqGroup).fingerprint,
  };
}

/** The newest records of one group (or of one chain), newest first. */
export async function findDeadLetters(
  es: Client,
  prefix: string,
  filter: Pick<BoardFilter, "topic" | "from" | "to"> & {
    fingerprint?: string;
    correlationId?: string;
  },
): Promise<StoredDeadLetter[]> {
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: MAX_GROUP_RECORDS,
    query: {
      bool: {
        filter: [
          ...deadLetterFilter(filter),
          ...(filter.fingerprint ? [{ term: { [FINGERPRINT]: filter.fingerprint } }] : []),
          ...(filter.correlationId ? [{ term: { correlationId: filter.correlationId } }] : []),
        ],
      },
    },
    sort: [{ timestamp: "desc" }, { offset: "desc" }],
  });
  return response.hits.hits.map((hit) => storedDeadLetter(hit._source));
}

/** One indexed dead letter by its `topic:partition:offset` id. */
export async function getDeadLetter(
  es: Client,
  prefix: string,
  recordId: string,
): Promise<StoredDeadLetter | null> {
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 1,
    query: { bool: { filter: [{ term: { id: recordId } }, { exists: { field: FINGERPRINT } }] } },
  });
  const hit = response.hits.hits[0];
  return hit ? storedDeadLetter(hit._source) : null;
}
