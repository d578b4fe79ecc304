import type { Admin, ITopicConfig } from "kafkajs";

/** Broker answers that mean "not yet", right after a topic is created. */
const NOT_YET = new Set(["UNKNOWN_TOPIC_OR_PARTITION", "LEADER_NOT_AVAILABLE"]);

function notYet(error: unknown): boolean {
  return (
    error instanceof Error &&
    "type" in error &&
    typeof error.type === "string" &&
    NOT_YET.has(error.type)
  );
}

/**
 * Creates topics (existing ones are left as they are) and waits until every partition has a
 * leader. kafkajs' own `waitForLeaders` gives up when the broker's metadata does not know the new
 * topic yet ("This server does not host this topic-partition"), which a busy broker answers for
 * a moment after creating it; that answer is waited out here.
 */
export async function createTopicsWithLeaders(
  admin: Admin,
  topics: ITopicConfig[],
  timeoutMs = 30_000,
): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics: names });
      const led = described.every(
        (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
      );
      if (led && described.length === names.length) return;
    } catch (error) {
      if (!notYet(error)) throw error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Topics ${names.join(", ")} got no partition leaders within ${timeoutMs} ms.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
