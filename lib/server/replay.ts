import { createHash } from "node:crypto";
import type { Client } from "@elastic/elasticsearch";
import type { ProducerRecord, RecordMetadata } from "kafkajs";
import { type ReplayAudit, replayIdempotencyKey } from "../dlq/audit";
import { findChainEvents } from "../elastic/chains";
import {
  claimReplay,
  finishReplay,
  getReplay,
  listReplays,
  replaceReplay,
} from "../elastic/audit-store";
import { getDeadLetter } from "../elastic/dead-letters";
import { producerHeaders } from "../events/headers";
import { saveTriage } from "../elastic/triage-store";
import { TriageRejected } from "../dlq/triage";
import { planReplay, ReplayRefused, type ReplayOptions, type ReplayPlan } from "../replay/plan";

/**
 * Replaying one dead letter, exactly once per idempotency key: the audit record is claimed with
 * an Elasticsearch `create` before anything is produced, and its outcome (produced or failed) is
 * written before the caller gets an answer.
 */

export type ReplayDeps = {
  es: Client;
  indexPrefix: string;
  send: (record: ProducerRecord) => Promise<RecordMetadata[]>;
  topicExists: (topic: string) => Promise<boolean>;
  isDeadLetterTopic: (topic: string) => boolean;
  targetRefusal: (topic: string) => string | null;
  now?: () => Date;
};

export class ReplayNotFound extends Error {}
/** Another replay holds the key: a different request, or one still in flight. */
export class ReplayConflict extends Error {
  constructor(
    message: string,
    readonly existing: ReplayAudit,
  ) {
    super(message);
  }
}
export class ReplayProduceFailed extends Error {
  constructor(
    message: string,
    readonly entry: ReplayAudit,
  ) {
    super(message);
  }
}

export type DryRun = { plan: ReplayPlan; generation: number; idempotencyKey: string };
export type ReplayOutcome = { entry: ReplayAudit; plan: ReplayPlan; duplicate: boolean };

async function prepare(deps: ReplayDeps, options: ReplayOptions, actor: string) {
  const stored = await getDeadLetter(deps.es, deps.indexPrefix, options.recordId);
  if (!stored) throw new ReplayNotFound(`No dead letter ${options.recordId} is indexed.`);
  const { event } = stored;
  const [chain, replays] = await Promise.all([
    event.correlationId
      ? findChainEvents(deps.es, deps.indexPrefix, event.correlationId).then((c) => c.events)
      : Promise.resolve([]),
    listReplays(deps.es, deps.indexPrefix, { recordIds: [event.id] }),
  ]);
  const counted = replays.filter((r) => r.status !== "failed");
  const plan = planReplay(event, options, {
    actor,
    chain,
    earlierReplays: counted.filter((r) => r.status === "produced"),
    isDeadLetterTopic: deps.isDeadLetterTopic,
    targetRefusal: deps.targetRefusal,
  });
  if (!(await deps.topicExists(plan.topic))) {
    throw new ReplayRefused(`Topic ${plan.topic} does not exist; replays never create topics.`);
  }
  return { plan, fingerprint: stored.fingerprint, generation: counted.length };
}

/** Exactly what a replay would produce, and the generation a confirm must send back. */
export async function dryRunReplay(
  deps: ReplayDeps,
  options: ReplayOptions,
  actor: string,
): Promise<DryRun> {
  const { plan, generation } = await prepare(deps, options, actor);
  return { plan, generation, idempotencyKey: replayIdempotencyKey(plan.recordId, generation) };
}

function requestHash(plan: ReplayPlan): string {
  return createHash("sha256")
    .update(
      JSON.stringify([plan.topic, plan.key, plan.keyEncoding, plan.value, plan.valueEncoding]),
    )
    .digest("hex");
}

const IN_FLIGHT_WAIT_MS = 10_000;

export async function replayRecord(
  deps: ReplayDeps,
  options: ReplayOptions & { generation: number },
  actor: string,
): Promise<ReplayOutcome> {
  const now = deps.now ?? (() => new Date());
  const { plan, fingerprint } = await prepare(deps, options, actor);
  const at = now().toISOString();
  const claim: ReplayAudit = {
    kind: "replay",
    idempotencyKey: replayIdempotencyKey(plan.recordId, options.generation),
    recordId: plan.recordId,
    correlationId: plan.correlationId,
    fingerprint,
    at,
    by: actor,
    reason: options.reason,
    topic: plan.topic,
    edited: options.editedValue !== undefined,
    requestHash: requestHash(plan),
    status: "pending",
    error: null,
    produced: null,
    updatedAt: at,
  };

  if (!(await claimReplay(deps.es, deps.indexPrefix, claim))) {
    const settled = await settledReplay(deps, claim);
    if (settled.entry.requestHash !== claim.requestHash) {
      throw new ReplayConflict(
        `This record was already replayed under ${claim.idempotencyKey} by ${settled.entry.by} at ${settled.entry.at}, with a different target or value. Run the dry run again to replay it once more.`,
        settled.entry,
      );
    }
    if (settled.entry.status === "produced") return { entry: settled.entry, plan, duplicate: true };
    if (settled.entry.status === "pending") {
      throw new ReplayConflict(
        `A replay under ${claim.idempotencyKey} started by ${settled.entry.by} at ${settled.entry.at} has not finished; its outcome is unknown, so it is not repeated.`,
        settled.entry,
      );
    }
    // The earlier attempt failed to produce: retrying it is allowed, by one caller only.
    if (!(await replaceReplay(deps.es, deps.indexPrefix, settled, claim))) {
      const latest = await settledReplay(deps, claim);
      throw new ReplayConflict(
        `Another request is retrying ${claim.idempotencyKey}.`,
        latest.entry,
      );
    }
  }

  let metadata: RecordMetadata | undefined;
  try {
    [metadata] = await deps.send({
      topic: plan.topic,
      acks: -1,
      messages: [
        {
          key: plan.key === null ? null : Buffer.from(plan.key, plan.keyEncoding),
          value: plan.value === null ? null : Buffer.from(plan.value, plan.valueEncoding),
          headers: producerHeaders(plan.headers),
        },
      ],
    });
  } catch (error) {
    const failed: ReplayAudit = {
      ...claim,
      status: "failed",
      error: error instanceof Error ? error.message : String(error),
      updatedAt: now().toISOString(),
    };
    await finishReplay(deps.es, deps.indexPrefix, failed);
    throw new ReplayProduceFailed(`Producing to ${plan.topic} failed: ${failed.error}`, failed);
  }
  const produced: ReplayAudit = {
    ...claim,
    status: "produced",
    produced: { partition: metadata?.partition ?? -1, offset: metadata?.baseOffset ?? "" },
    updatedAt: now().toISOString(),
  };
  await finishReplay(deps.es, deps.indexPrefix, produced);
  await markReplayed(deps, produced, actor);
  return { entry: produced, plan, duplicate: false };
}

/** The stored replay under the claim's key, once it is no longer pending (or after a wait). */
async function settledReplay(deps: ReplayDeps, claim: ReplayAudit) {
  const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
  for (;;) {
    const stored = await getReplay(deps.es, deps.indexPrefix, claim.idempotencyKey);
    if (!stored) throw new Error(`replay ${claim.idempotencyKey} vanished from the audit index`);
    if (stored.entry.status !== "pending" || Date.now() > deadline) return stored;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function markReplayed(deps: ReplayDeps, entry: ReplayAudit, actor: string): Promise<void> {
  try {
    await saveTriage(
      deps.es,
      deps.indexPrefix,
      {
        kind: "record",
        recordId: entry.recordId,
        fingerprint: entry.fingerprint ?? "",
        correlationId: entry.correlationId,
      },
      { state: "replayed", note: `Replayed to ${entry.topic}: ${entry.reason}` },
      actor,
    );
  } catch (error) {
    if (!(error instanceof TriageRejected)) throw error;
  }
}
