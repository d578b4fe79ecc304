import { replayTargetRefusal } from "../replay/target-topics";
import { replayKafka } from "./replay-producer";
import type { ReplayDeps } from "./replay";
import { serverContext } from "./context";

/** The replay verb's dependencies in the app server: its Elasticsearch, producer and topics. */
export async function replayDeps(): Promise<ReplayDeps> {
  const { config, es } = serverContext();
  const { producer, admin } = await replayKafka(config);
  return {
    es,
    indexPrefix: config.indexPrefix,
    producer,
    topicExists: async (topic) => (await admin.listTopics()).includes(topic),
    isDeadLetterTopic: (topic) => config.dlqPattern.test(topic),
    targetRefusal: (topic) => replayTargetRefusal(topic, config.replayTopics),
  };
}
