import { setTimeout as sleep } from "node:timers/promises";
import type { ReplayAudit } from "../dlq/audit";
import { ReplayRefused } from "../replay/plan";
import { getGroupRecords } from "./dlq-board";
import {
  dryRunReplay,
  ReplayConflict,
  type ReplayDeps,
  ReplayNotFound,
  ReplayProduceFailed,
  replayRecord,
} from "./replay";

/**
 * Replaying a whole failure group after a fix: every record still new or under investigation,
 * one at a time at a bounded rate, each with its own idempotency key and its own result.
 */

export const MAX_BULK_RECORDS = 500;

export type GroupReplayItem = { recordId: string; generation: number };

export type GroupReplayResult = {
  recordId: string;
  status: "planned" | "produced" | "duplicate" | "refused" | "conflict" | "failed";
  message: string | null;
  generation: number | null;
  warnings: string[];
  entry: ReplayAudit | null;
};

const REPLAYABLE_STATES = new Set(["new", "investigating"]);

/** A chosen target that no record may go to refuses the whole request, before any record. */
function checkTarget(deps: ReplayDeps, targetTopic: string | undefined): void {
  const refusal = targetTopic === undefined ? null : deps.targetRefusal(targetTopic);
  if (refusal) throw new ReplayRefused(refusal);
}

export async function dryRunGroupReplay(
  deps: ReplayDeps,
  request: { fingerprint: string; targetTopic?: string; reason: string },
  actor: string,
): Promise<GroupReplayResult[]> {
  checkTarget(deps, request.targetTopic);
  const records = await getGroupRecords(deps.es, deps.indexPrefix, request.fingerprint, {});
  const replayable = records
    .filter((r) => REPLAYABLE_STATES.has(r.state))
    .slice(0, MAX_BULK_RECORDS);
  const results: GroupReplayResult[] = [];
  for (const record of replayable) {
    try {
      const dry = await dryRunReplay(
        deps,
        { recordId: record.id, targetTopic: request.targetTopic, reason: request.reason },
        actor,
      );
      results.push({
        recordId: record.id,
        status: "planned",
        message: `to ${dry.plan.topic}`,
        generation: dry.generation,
        warnings: dry.plan.warnings,
        entry: null,
      });
    } catch (error) {
      results.push(failureResult(record.id, error));
    }
  }
  return results;
}

export async function replayGroup(
  deps: ReplayDeps,
  request: {
    fingerprint: string;
    targetTopic?: string;
    reason: string;
    records: GroupReplayItem[];
  },
  actor: string,
  ratePerSecond: number,
): Promise<GroupReplayResult[]> {
  checkTarget(deps, request.targetTopic);
  const members = new Set(
    (await getGroupRecords(deps.es, deps.indexPrefix, request.fingerprint, {})).map((r) => r.id),
  );
  const interval = 1_000 / ratePerSecond;
  const results: GroupReplayResult[] = [];
  for (const [index, item] of request.records.entries()) {
    if (index > 0) await sleep(interval);
    if (!members.has(item.recordId)) {
      results.push({
        recordId: item.recordId,
        status: "refused",
        message: `${item.recordId} is not in this group.`,
        generation: item.generation,
        warnings: [],
        entry: null,
      });
      continue;
    }
    try {
      const outcome = await replayRecord(
        deps,
        {
          recordId: item.recordId,
          targetTopic: request.targetTopic,
          reason: request.reason,
          generation: item.generation,
        },
        actor,
      );
      results.push({
        recordId: item.recordId,
        status: outcome.duplicate ? "duplicate" : "produced",
        message: null,
        generation: item.generation,
        warnings: outcome.plan.warnings,
        entry: outcome.entry,
      });
    } catch (error) {
      results.push(failureResult(item.recordId, error, item.generation));
    }
  }
  return results;
}

function failureResult(
  recordId: string,
  error: unknown,
  generation: number | null = null,
): GroupReplayResult {
  const base = { recordId, generation, warnings: [], entry: null };
  if (error instanceof ReplayRefused || error instanceof ReplayNotFound) {
    return { ...base, status: "refused", message: error.message };
  }
  if (error instanceof ReplayConflict) {
    return { ...base, status: "conflict", message: error.message, entry: error.existing };
  }
  if (error instanceof ReplayProduceFailed) {
    return { ...base, status: "failed", message: error.message, entry: error.entry };
  }
  throw error;
}
