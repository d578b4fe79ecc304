import { errors, type Client } from "@elastic/elasticsearch";
import { AuditEntry, ReplayAudit } from "../dlq/audit";
import { auditIndex, ensureDlqIndices } from "./dlq-indices";

export type StoredReplay = { entry: ReplayAudit; seqNo: number; primaryTerm: number };

function isConflict(error: unknown): boolean {
  return error instanceof errors.ResponseError && error.statusCode === 409;
}

/**
 * Writes the replay's audit record under its idempotency key before anything is produced.
 * Returns false when a record with that key already exists: Elasticsearch's `create` lets
 * exactly one writer win, however many requests race.
 */
export async function claimReplay(
  es: Client,
  prefix: string,
  entry: ReplayAudit,
): Promise<boolean> {
  await ensureDlqIndices(es, prefix);
  try {
    await es.create({
      index: auditIndex(prefix),
      id: entry.idempotencyKey,
      document: entry,
      refresh: "wait_for",
    });
    return true;
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
}

export async function getReplay(
  es: Client,
  prefix: string,
  key: string,
): Promise<StoredReplay | null> {
  const doc = await es.get({ index: auditIndex(prefix), id: key }, { ignore: [404] });
  if (!doc.found || doc._seq_no === undefined || doc._primary_term === undefined) return null;
  return {
    entry: ReplayAudit.parse(doc._source),
    seqNo: doc._seq_no,
    primaryTerm: doc._primary_term,
  };
}

/** Replaces a stored replay only if nobody changed it since it was read; false if someone did. */
export async function replaceReplay(
  es: Client,
  prefix: string,
  stored: Pick<StoredReplay, "seqNo" | "primaryTerm">,
  entry: ReplayAudit,
): Promise<boolean> {
  try {
    await es.index({
      index: auditIndex(prefix),
      id: entry.idempotencyKey,
      document: entry,
      if_seq_no: stored.seqNo,
      if_primary_term: stored.primaryTerm,
      refresh: "wait_for",
    });
    return true;
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
}

/** Records the outcome of a claimed replay; the claim is ours, so no concurrency check. */
export async function finishReplay(es: Client, prefix: string, entry: ReplayAudit): Promise<void> {
  await es.index({
    index: auditIndex(prefix),
    id: entry.idempotencyKey,
    document: entry,
    refresh: "wait_for",
  });
}

const MAX_AUDIT = 1_000;

export async function listReplays(
  es: Client,
  prefix: string,
  filter: { recordIds?: string[]; correlationId?: string },
): Promise<ReplayAudit[]> {
  await ensureDlqIndices(es, prefix);
  const clauses = [
    { term: { kind: "replay" } },
    filter.recordIds && { terms: { recordId: filter.recordIds } },
    filter.correlationId && { term: { correlationId: filter.correlationId } },
  ].filter((clause) => !!clause);
  const response = await es.search({
    index: auditIndex(prefix),
    size: MAX_AUDIT,
    query: { bool: { filter: clauses } },
    sort: [{ at: "desc" }],
  });
  return response.hits.hits.map((hit) => ReplayAudit.parse(hit._source));
}

export async function listAudit(
  es: Client,
  prefix: string,
  filter: { kind?: "replay" | "triage"; before?: string; size: number },
): Promise<AuditEntry[]> {
  await ensureDlqIndices(es, prefix);
  const clauses = [
    filter.kind && { term: { kind: filter.kind } },
    filter.before && { range: { at: { lt: filter.before } } },
  ].filter((clause) => !!clause);
  const response = await es.search({
    index: auditIndex(prefix),
    size: Math.min(filter.size, MAX_AUDIT),
    query: { bool: { filter: clauses } },
    sort: [{ at: "desc" }],
  });
  return response.hits.hits.map((hit) => AuditEntry.parse(hit._source));
}
