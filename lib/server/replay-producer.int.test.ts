import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKafka } from "../kafka/client";
import { createTopicsWithLeaders } from "../kafka/topics";
import { deleteTestTopics } from "../testing/cleanup";
import { testConfig, uniqueName } from "../testing/real-stack";
import { closeReplayKafka, replayKafka } from "./replay-producer";

const config = testConfig({});
const kafka = createKafka(config.kafkaBrokers, "replay-producer-int");
const family = uniqueName("replay-producer");
const gone = `${family}-gone`;
const next = `${family}-next`;

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsWithLeaders(admin, [
      { topic: gone, numPartitions: 1 },
      { topic: next, numPartitions: 1 },
    ]);
  } finally {
    await admin.disconnect();
  }
});

afterAll(async () => {
  await closeReplayKafka();
  await deleteTestTopics(kafka, { topics: { family } });
});

const record = (topic: string) => ({ topic, acks: -1, messages: [{ value: `to ${topic}` }] });

describe("the app's replay producer", () => {
  it("still produces after a topic it once produced to was deleted", async () => {
    const replay = replayKafka(config);
    const plain = kafka.producer({ allowAutoTopicCreation: false });
    await plain.connect();
    try {
      await replay.send(record(gone));
      await plain.send(record(gone));
      await deleteTestTopics(kafka, { topics: [gone] });
      expect(await replay.topicExists(gone)).toBe(false);

      // The state the replay producer has to get out of: a kafkajs producer that knew the deleted
      // topic fails for every other topic too.
      await expect(plain.send(record(next))).rejects.toThrow(/does not host this topic-partition/);
      const [produced] = await replay.send(record(next));
      expect(produced).toMatchObject({ topicName: next, partition: 0, baseOffset: "0" });
    } finally {
      await plain.disconnect();
    }
  });
});
