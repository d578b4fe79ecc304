import type { Header } from "../events/event";

/**
 * Which headers a replay carries: the original's, without what a dead-letter or retry step
 * added, plus who replayed which record and why, so the replay is recognisable in its chain.
 */
export const REPLAY_HEADERS = {
  of: "causeway-replay-of",
  by: "causeway-replayed-by",
  reason: "causeway-replay-reason",
} as const;

/** Prefixes (and exact names) of headers written by DLQ and retry machinery, not by the producer. */
const DEAD_LETTER_HEADER_PREFIXES = [
  "kafka_dlt-",
  "kafka_exception-",
  "kafka_original-",
  "retry_topic-",
  "__connect.errors.",
  "MT-Fault-",
  "MT-Reason",
  "NServiceBus.ExceptionInfo.",
  "NServiceBus.FailedQ",
  "NServiceBus.TimeOfFailure",
  "retry-attempt",
  "retry-original-",
  "causeway-replay",
];

export function isDeadLetterHeader(name: string): boolean {
  return DEAD_LETTER_HEADER_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export function replayHeaders(
  original: readonly Header[],
  replay: { recordId: string; actor: string; reason: string },
): Header[] {
  return [
    ...original.filter((header) => !isDeadLetterHeader(header.key)),
    { key: REPLAY_HEADERS.of, value: replay.recordId },
    { key: REPLAY_HEADERS.by, value: replay.actor },
    { key: REPLAY_HEADERS.reason, value: replay.reason },
  ];
}
