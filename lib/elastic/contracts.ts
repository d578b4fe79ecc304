import type { Client, estypes } from "@elastic/elasticsearch";
import type { ContractAggregate } from "../contracts/contract";
import { eventsAlias } from "./indices";

/** Event types listed at most; the page is for a system's contracts, not every topic ever. */
const MAX_CONTRACTS = 500;
/** Shapes per event type, oldest first; more means a payload with free-form keys. */
const MAX_SHAPES = 50;
const MAX_NAMES = 20;

type Bucket = {
  key: string;
  doc_count: number;
  first: estypes.AggregationsMinAggregate;
  last: estypes.AggregationsMaxAggregate;
  schemaVersions: estypes.AggregationsStringTermsAggregate;
};
type ShapeBucket = Bucket & { schemaIds: estypes.AggregationsLongTermsAggregate };
type ContractBucket = Bucket & {
  topics: estypes.AggregationsStringTermsAggregate;
  subjects: estypes.AggregationsStringTermsAggregate;
  mismatches: estypes.AggregationsFilterAggregate;
  producers: estypes.AggregationsStringTermsAggregate;
  shapes: estypes.AggregationsStringTermsAggregate;
};

const seenAggs = {
  first: { min: { field: "timestamp" } },
  last: { max: { field: "timestamp" } },
  schemaVersions: { terms: { field: "schemaVersion", size: MAX_NAMES } },
} satisfies Record<string, estypes.AggregationsAggregationContainer>;

const keys = (terms: estypes.AggregationsStringTermsAggregate): string[] =>
  (terms.buckets as estypes.AggregationsStringTermsBucket[]).map((b) => String(b.key));

const iso = (value: estypes.AggregationsMinAggregate) =>
  value.value === null || value.value === undefined ? "" : new Date(value.value).toISOString();

/**
 * Every event type's records, topics, producers and shapes, aggregated from the events index;
 * `eventType` narrows it to one. User input is only ever a term value.
 */
export async function contractAggregates(
  es: Client,
  prefix: string,
  eventType?: string,
): Promise<ContractAggregate[]> {
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    query: {
      bool: {
        filter:
          eventType === undefined
            ? [{ exists: { field: "contract" } }]
            : [{ term: { contract: eventType } }],
      },
    },
    aggs: {
      contracts: {
        terms: { field: "contract", size: MAX_CONTRACTS, order: { last: "desc" } },
        aggs: {
          ...seenAggs,
          topics: { terms: { field: "topic", size: MAX_NAMES } },
          subjects: { terms: { field: "valueSchema.subject", size: MAX_NAMES } },
          mismatches: { filter: { term: { flags: "schema-mismatch" } } },
          producers: { terms: { field: "service", size: MAX_NAMES } },
          shapes: {
            terms: { field: "shape", size: MAX_SHAPES, order: { first: "asc" } },
            aggs: {
              ...seenAggs,
              schemaIds: { terms: { field: "valueSchema.id", size: MAX_NAMES } },
            },
          },
        },
      },
    },
  });
  const contracts = response.aggregations?.contracts as
    estypes.AggregationsStringTermsAggregate | undefined;
  const buckets = (contracts?.buckets ?? []) as unknown as ContractBucket[];
  return buckets.map((bucket) => ({
    eventType: String(bucket.key),
    records: bucket.doc_count,
    firstSeen: iso(bucket.first),
    lastSeen: iso(bucket.last),
    topics: keys(bucket.topics),
    producers: keys(bucket.producers),
    schemaVersions: keys(bucket.schemaVersions),
    subjects: keys(bucket.subjects),
    schemaMismatches: bucket.mismatches.doc_count,
    shapes: (bucket.shapes.buckets as unknown as ShapeBucket[]).map((shape) => ({
      shapeId: String(shape.key),
      records: shape.doc_count,
      firstSeen: iso(shape.first),
      lastSeen: iso(shape.last),
      schemaVersions: keys(shape.schemaVersions),
      schemaIds: (shape.schemaIds.buckets as estypes.AggregationsLongTermsBucket[]).map((b) =>
        Number(b.key),
      ),
    })),
  }));
}

/**
 * For each shape, the share of the event type's records since the shape first appeared that
 * have it: how far a change has spread. One request with a filter per shape.
 */
export async function shapeSharesSince(
  es: Client,
  prefix: string,
  eventType: string,
  shapes: readonly { shapeId: string; firstSeen: string }[],
): Promise<Map<string, number>> {
  if (shapes.length === 0) return new Map();
  const since = (shape: { firstSeen: string }) => ({
    range: { timestamp: { gte: shape.firstSeen } },
  });
  const response = await es.search({
    index: eventsAlias(prefix),
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    query: { bool: { filter: [{ term: { contract: eventType } }] } },
    aggs: Object.fromEntries(
      shapes.map((shape, i) => [
        `s${i}`,
        {
          filter: since(shape),
          aggs: { same: { filter: { term: { shape: shape.shapeId } } } },
        },
      ]),
    ),
  });
  const shares = new Map<string, number>();
  shapes.forEach((shape, i) => {
    const agg = response.aggregations?.[`s${i}`] as
      | (estypes.AggregationsFilterAggregate & { same: estypes.AggregationsFilterAggregate })
      | undefined;
    if (agg && agg.doc_count > 0) shares.set(shape.shapeId, agg.same.doc_count / agg.doc_count);
  });
  return shares;
}
