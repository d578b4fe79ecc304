/**
 * Which topics a replay may produce to. Never Kafka's own (`__consumer_offsets`,
 * `__transaction_state`, …) nor a schema registry's storage, whatever is asked; and when the
 * operator lists the topics replays may reach (CAUSEWAY_REPLAY_TOPICS), nothing outside them.
 * The same rule holds for a topic chosen in the dialog and for the original topic a DLQ record's
 * headers name, since those headers are written by whoever produced the dead letter.
 */
const INTERNAL = [/^__/, /^_schemas$/, /^_confluent-/];

/** One list entry: a topic name in which `*` stands for any run of characters. */
export const TOPIC_GLOB = /^[a-zA-Z0-9._*-]{1,249}$/;

export function compileTopicGlobs(globs: readonly string[]): RegExp[] {
  return globs.map(
    (glob) =>
      new RegExp(
        `^${glob
          .split("*")
          .map((part) => part.replace(/[.]/g, "\\."))
          .join(".*")}$`,
      ),
  );
}

/** Why `topic` may not be replayed to, or null when it may. `allowed` null: any other topic. */
export function replayTargetRefusal(
  topic: string,
  allowed: readonly RegExp[] | null,
): string | null {
  if (INTERNAL.some((pattern) => pattern.test(topic))) {
    return `${topic} is an internal topic; replays never produce to Kafka's or a registry's own topics.`;
  }
  if (allowed && !allowed.some((pattern) => pattern.test(topic))) {
    return `${topic} is not among the topics replays may produce to (CAUSEWAY_REPLAY_TOPICS); choose another target or ask an administrator to allow it.`;
  }
  return null;
}
