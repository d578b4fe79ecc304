import type { Admin, Kafka, Producer } from "kafkajs";
import { uniqueName } from "./real-stack";

/**
 * A consumer group that read a topic and then stopped while records kept arriving: what the lag
 * tests look for as STOP. `cleanup` stops producing and deletes the topic and the group.
 */
export async function startStoppedGroup(kafka: Kafka): Promise<{
  topic: string;
  group: string;
  cleanup(): Promise<void>;
}> {
  const topic = uniqueName("lag-topic");
  const group = uniqueName("lag-group");
  const admin: Admin = kafka.admin();
  const producer: Producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
  await producer.send({ topic, messages: [{ value: "a" }, { value: "b" }, { value: "c" }] });

  const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 200 });
  let consumed = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async () => {
      consumed += 1;
    },
  });
  const deadline = Date.now() + 60_000;
  while (consumed < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();

  let producing = true;
  const loop = (async () => {
    while (producing) {
      await producer.send({ topic, messages: [{ value: "late" }] });
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return {
    topic,
    group,
    async cleanup() {
      producing = false;
      await loop;
      await producer.disconnect();
      await admin.deleteGroups([group]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
