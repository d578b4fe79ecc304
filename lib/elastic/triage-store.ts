import { errors, type Client } from "@elastic/elasticsearch";
import type { TriageAudit } from "../dlq/audit";
import {
  applyTriageUpdate,
  Triage,
  type TriageChange,
  type TriageTarget,
  type TriageUpdate,
} from "../dlq/triage";
import { auditIndex, ensureDlqIndices, triageIndex } from "./dlq-indices";

/** Triage documents: `group:<fingerprint>` and `record:<topic:partition:offset>`. */
export function triageDocId(target: TriageTarget): string {
  return target.kind === "group" ? `group:${target.fingerprint}` : `record:${target.recordId}`;
}

/** How many triage documents one read returns; far more than anyone triages by hand. */
const MAX_TRIAGES = 10_000;
const CONFLICT_RETRIES = 5;

export async function listTriages(
  es: Client,
  prefix: string,
  filter: { kind?: "group" | "record"; fingerprint?: string; correlationId?: string } = {},
): Promise<Triage[]> {
  await ensureDlqIndices(es, prefix);
  const terms = [
    filter.kind && { term: { "target.kind": filter.kind } },
    filter.fingerprint && { term: { "target.fingerprint": filter.fingerprint } },
    filter.correlationId && { term: { "target.correlationId": filter.correlationId } },
  ].filter((clause) => !!clause);
  const response = await es.search({
    index: triageIndex(prefix),
    size: MAX_TRIAGES,
    query: { bool: { filter: terms } },
  });
  return response.hits.hits.map((hit) => Triage.parse(hit._source));
}

export async function getTriages(
  es: Client,
  prefix: string,
  targets: TriageTarget[],
): Promise<Map<string, Triage>> {
  const found = new Map<string, Triage>();
  if (targets.length === 0) return found;
  await ensureDlqIndices(es, prefix);
  const response = await es.mget({
    index: triageIndex(prefix),
    ids: targets.map(triageDocId),
  });
  for (const doc of response.docs) {
    if ("found" in doc && doc.found) found.set(doc._id, Triage.parse(doc._source));
  }
  return found;
}

/**
 * Applies `update` with optimistic concurrency, so two operators editing at once both land in
 * the history, and writes the change to the audit trail.
 */
export async function saveTriage(
  es: Client,
  prefix: string,
  target: TriageTarget,
  update: TriageUpdate,
  actor: string,
  now: () => Date = () => new Date(),
): Promise<{ triage: Triage; change: TriageChange }> {
  await ensureDlqIndices(es, prefix);
  const id = triageDocId(target);
  for (let attempt = 0; ; attempt++) {
    const current = await es.get({ index: triageIndex(prefix), id }, { ignore: [404] });
    const existing = current.found ? Triage.parse(current._source) : null;
    const result = applyTriageUpdate(existing, target, update, actor, now());
    try {
      await es.index({
        index: triageIndex(prefix),
        id,
        document: result.triage,
        refresh: "wait_for",
        ...(current.found
          ? { if_seq_no: current._seq_no, if_primary_term: current._primary_term }
          : { op_type: "create" as const }),
      });
    } catch (error) {
      const conflict = error instanceof errors.ResponseError && error.statusCode === 409;
      if (conflict && attempt < CONFLICT_RETRIES) continue;
      throw error;
    }
    const audit: TriageAudit = {
      kind: "triage",
      target,
      at: result.change.at,
      by: actor,
      change: result.change,
    };
    await es.index({ index: auditIndex(prefix), document: audit, refresh: "wait_for" });
    return result;
  }
}
