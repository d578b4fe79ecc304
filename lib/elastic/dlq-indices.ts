import type { Client, estypes } from "@elastic/elasticsearch";
import { createIndexWhenMissing } from "./create-index";

/**
 * The two small indices of DLQ work: triage state (one document per group or record, updated
 * in place) and the audit trail (one document per replay or triage change, never deleted).
 */
export function triageIndex(prefix: string): string {
  return `${prefix}-triage`;
}

export function auditIndex(prefix: string): string {
  return `${prefix}-audit`;
}

const keyword: estypes.MappingProperty = { type: "keyword", ignore_above: 1024 };
const target: estypes.MappingProperty = {
  properties: { kind: keyword, fingerprint: keyword, recordId: keyword, correlationId: keyword },
};

const triageMappings: estypes.MappingTypeMapping = {
  dynamic: "false",
  properties: {
    target,
    state: keyword,
    stateSince: { type: "date" },
    assignee: keyword,
    updatedAt: { type: "date" },
    updatedBy: keyword,
  },
};

const auditMappings: estypes.MappingTypeMapping = {
  dynamic: "false",
  properties: {
    kind: keyword,
    idempotencyKey: keyword,
    recordId: keyword,
    correlationId: keyword,
    fingerprint: keyword,
    at: { type: "date" },
    updatedAt: { type: "date" },
    by: keyword,
    topic: keyword,
    status: keyword,
    target,
  },
};

const ensured = new Set<string>();

/** A request waits this long for the index; after that the API answers 503 with Retry-After. */
const READY_WAIT = "10s";

async function ensureIndex(es: Client, index: string, mappings: estypes.MappingTypeMapping) {
  if (ensured.has(index)) return;
  await createIndexWhenMissing(
    es,
    { index, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings },
    READY_WAIT,
  );
  ensured.add(index);
}

/** Creates the triage and audit indices on first use; later calls in the process are free. */
export async function ensureDlqIndices(es: Client, prefix: string): Promise<void> {
  await Promise.all([
    ensureIndex(es, triageIndex(prefix), triageMappings),
    ensureIndex(es, auditIndex(prefix), auditMappings),
  ]);
}
