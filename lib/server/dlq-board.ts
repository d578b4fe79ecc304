import type { Client } from "@elastic/elasticsearch";
import {
  type BoardFilter,
  type DeadLetterBoard,
  type DeadLetterRecord,
  type DlqSummary,
  groupMatches,
} from "../dlq/board";
import {
  effectiveRecordState,
  type Triage,
  type TriageTarget,
  type TriageUpdate,
} from "../dlq/triage";
import { listReplays } from "../elastic/audit-store";
import {
  countDeadLetters,
  findDeadLetterGroups,
  findDeadLetters,
  getDeadLetter,
  type StoredDeadLetter,
} from "../elastic/dead-letters";
import { getTriages, listTriages, saveTriage, triageDocId } from "../elastic/triage-store";

/** The DLQ board's reads and triage writes, combining dead letters with their triage state. */

async function allTriages(es: Client, prefix: string) {
  const [groups, records] = await Promise.all([
    listTriages(es, prefix, { kind: "group" }),
    listTriages(es, prefix, { kind: "record" }),
  ]);
  return { groups, records };
}

export async function getBoard(
  es: Client,
  prefix: string,
  filter: BoardFilter,
  now: Date,
): Promise<DeadLetterBoard> {
  const triages = await allTriages(es, prefix);
  const found = await findDeadLetterGroups(es, prefix, filter, triages, now);
  const byFingerprint = new Map(
    triages.groups.flatMap((t) => (t.target.kind === "group" ? [[t.target.fingerprint, t]] : [])),
  );
  const groups = found.groups
    .map((row) => {
      const triage = byFingerprint.get(row.fingerprint) ?? null;
      return { ...row, triage, state: triage?.state ?? "new" };
    })
    .filter((group) => groupMatches(group, filter));
  return { groups, topics: found.topics, window: found.window };
}

export async function getDlqSummary(es: Client, prefix: string): Promise<DlqSummary> {
  return countDeadLetters(es, prefix, await allTriages(es, prefix));
}

async function describeRecords(
  es: Client,
  prefix: string,
  stored: StoredDeadLetter[],
): Promise<DeadLetterRecord[]> {
  const fingerprints = [...new Set(stored.map((s) => s.fingerprint))];
  const [triages, replays] = await Promise.all([
    getTriages(es, prefix, [
      ...fingerprints.map((fingerprint): TriageTarget => ({ kind: "group", fingerprint })),
      ...stored.map(recordTarget),
    ]),
    listReplays(es, prefix, { recordIds: stored.map((s) => s.event.id) }),
  ]);
  return stored.map(({ event, fingerprint }) => {
    const own = triages.get(triageDocId(recordTarget({ event, fingerprint }))) ?? null;
    const group = triages.get(triageDocId({ kind: "group", fingerprint })) ?? null;
    return {
      id: event.id,
      fingerprint,
      topic: event.topic,
      correlationId: event.correlationId,
      eventType: event.eventType,
      key: event.key,
      timestamp: event.timestamp,
      errorMessage: event.dlq?.errorMessage ?? null,
      originalTopic: event.dlq?.originalTopic ?? null,
      originalPartition: event.dlq?.originalPartition ?? null,
      originalOffset: event.dlq?.originalOffset ?? null,
      consumerGroup: event.dlq?.consumerGroup ?? null,
      state: effectiveRecordState(own, group, event.timestamp),
      triage: own,
      replays: replays.filter((r) => r.recordId === event.id),
    };
  });
}

function recordTarget({ event, fingerprint }: StoredDeadLetter): TriageTarget {
  return { kind: "record", recordId: event.id, fingerprint, correlationId: event.correlationId };
}

export async function getGroupRecords(
  es: Client,
  prefix: string,
  fingerprint: string,
  filter: BoardFilter,
): Promise<DeadLetterRecord[]> {
  const stored = await findDeadLetters(es, prefix, { ...filter, fingerprint });
  const records = await describeRecords(es, prefix, stored);
  return filter.state ? records.filter((r) => r.state === filter.state) : records;
}

export async function getChainDeadLetters(
  es: Client,
  prefix: string,
  correlationId: string,
): Promise<DeadLetterRecord[]> {
  return describeRecords(es, prefix, await findDeadLetters(es, prefix, { correlationId }));
}

export type TriageItem =
  { kind: "group"; fingerprint: string } | { kind: "record"; recordId: string };

export class TriageItemNotFound extends Error {}

/** Applies one update to several groups or records (the board's bulk select), in order. */
export async function triageItems(
  es: Client,
  prefix: string,
  items: TriageItem[],
  update: TriageUpdate,
  actor: string,
): Promise<Triage[]> {
  const targets: TriageTarget[] = [];
  for (const item of items) {
    if (item.kind === "group") {
      targets.push(item);
      continue;
    }
    const stored = await getDeadLetter(es, prefix, item.recordId);
    if (!stored) throw new TriageItemNotFound(`No dead letter ${item.recordId} is indexed.`);
    targets.push(recordTarget(stored));
  }
  const saved: Triage[] = [];
  for (const target of targets) {
    saved.push((await saveTriage(es, prefix, target, update, actor)).triage);
  }
  return saved;
}
