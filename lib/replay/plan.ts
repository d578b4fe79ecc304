import { z } from "zod";
import { isRetryTopic } from "../chain/topics";
import { type Event, Header } from "../events/event";
import { diffLines, prettyJson, type DiffLine } from "./diff";
import { replayHeaders } from "./headers";

/**
 * What a replay will produce, worked out before anything is produced: the dry run shows this,
 * and the confirmed replay produces exactly this.
 */

/** Kafka's legal topic names. */
export const TopicName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/, "a topic name is 1-249 letters, digits, '.', '_' or '-'");

export const MAX_REPLAY_VALUE_BYTES = 1 << 20;

export const ReplayOptions = z
  .object({
    recordId: z.string().min(1).max(1024),
    /** Produce here instead of the original topic named in the DLQ headers. */
    targetTopic: TopicName.optional(),
    /** The value to produce instead of the original; must be JSON. */
    editedValue: z
      .string()
      .max(MAX_REPLAY_VALUE_BYTES)
      .refine(isJson, "the edited value is not valid JSON")
      .optional(),
    reason: z.string().trim().min(1, "say why this record is replayed").max(500),
  })
  .strict();
export type ReplayOptions = z.infer<typeof ReplayOptions>;

export const Encoding = z.enum(["utf8", "base64"]);

export const ReplayPlan = z.object({
  recordId: z.string(),
  correlationId: z.string().nullable(),
  topic: z.string(),
  key: z.string().nullable(),
  keyEncoding: Encoding,
  /** In order, a repeated name once per value, as the replay produces them. */
  headers: z.array(Header),
  value: z.string().nullable(),
  valueEncoding: Encoding,
  /** Line diff of the original value and the edited one; null when the value is not edited. */
  valueDiff: z
    .array(z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() }))
    .nullable(),
  warnings: z.array(z.string()),
});
export type ReplayPlan = z.infer<typeof ReplayPlan>;

/** The record cannot be replayed as asked; the message says why and what would work. */
export class ReplayRefused extends Error {}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function decodeStored(
  text: string | null,
  binary: boolean,
): { text: string | null; encoding: "utf8" | "base64" } {
  if (text !== null && binary && text.startsWith("base64:")) {
    return { text: text.slice("base64:".length), encoding: "base64" };
  }
  return { text, encoding: "utf8" };
}

export type ReplayContext = {
  actor: string;
  /** Every indexed event of the record's chain, for the processed-later check. */
  chain: readonly Event[];
  /** Replays of this record already produced, newest first. */
  earlierReplays: readonly { at: string; by: string }[];
  isDeadLetterTopic: (topic: string) => boolean;
  /** Why a topic may not be replayed to, or null (target-topics.ts). */
  targetRefusal: (topic: string) => string | null;
};

export function planReplay(
  record: Event,
  options: ReplayOptions,
  context: ReplayContext,
): ReplayPlan {
  if (!record.dlq) throw new ReplayRefused(`${record.id} is not a dead letter.`);
  const topic = options.targetTopic ?? record.dlq.originalTopic;
  if (!topic) {
    throw new ReplayRefused(
      `${record.id} does not say which topic it came from; choose a target topic.`,
    );
  }
  const refusal = context.targetRefusal(topic);
  if (refusal) throw new ReplayRefused(refusal);
  if (record.flags.includes("binary-header")) {
    throw new ReplayRefused(
      `${record.id} has binary headers that the index keeps only as text; it cannot be replayed faithfully.`,
    );
  }
  if (record.flags.includes("raw-truncated") && options.editedValue === undefined) {
    throw new ReplayRefused(
      `Only the first part of ${record.id}'s value is indexed; replaying it would produce a cut value. Paste the full value as an edit instead.`,
    );
  }
  const original = decodeStored(record.raw, record.flags.includes("binary-value"));
  const key = decodeStored(record.key, record.flags.includes("binary-key"));
  const edited = options.editedValue;
  const value = edited ?? original.text;

  const warnings = [
    ...processedLaterWarnings(record, context.chain),
    ...context.earlierReplays
      .slice(0, 1)
      .map(
        (replay) =>
          `This record was already replayed ${context.earlierReplays.length} time(s), last by ${replay.by} at ${replay.at}.`,
      ),
  ];
  if (context.isDeadLetterTopic(topic)) {
    warnings.push(`${topic} is itself a dead-letter topic; nothing will process the replay there.`);
  }
  if (edited !== undefined && record.correlationId && !edited.includes(record.correlationId)) {
    const inHeaders = record.headers.some((header) => header.value === record.correlationId);
    if (!inHeaders) {
      warnings.push(
        `The edited value no longer carries correlation id ${record.correlationId}; the replay will not join its chain.`,
      );
    }
  }

  let valueDiff: DiffLine[] | null = null;
  if (edited !== undefined) {
    valueDiff = diffLines(
      original.text === null ? "" : prettyJson(original.text),
      prettyJson(edited),
    );
  }
  return {
    recordId: record.id,
    correlationId: record.correlationId,
    topic,
    key: key.text,
    keyEncoding: key.encoding,
    headers: replayHeaders(record.headers, {
      recordId: record.id,
      actor: context.actor,
      reason: options.reason,
    }),
    value,
    valueEncoding: edited === undefined ? original.encoding : "utf8",
    valueDiff,
    warnings,
  };
}

/**
 * Evidence that the work was done after all: an event caused by the dead-lettered one that is
 * neither a retry attempt nor another dead letter.
 */
export function processedLaterWarnings(record: Event, chain: readonly Event[]): string[] {
  if (!record.eventId) return [];
  const followUps = chain.filter(
    (event) =>
      event.causationId === record.eventId && event.dlq === null && !isRetryTopic(event.topic),
  );
  return followUps
    .slice(0, 3)
    .map(
      (event) =>
        `The original looks processed later: ${event.eventType ?? "an event"} on ${event.topic} at ${event.occurredAt} was caused by it. Replaying may do the work twice.`,
    );
}
