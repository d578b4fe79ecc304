import { replayTargetRefusal } from "../replay/target-topics";
import { replayKafka } from "./replay-producer";
import type { ReplayDeps } from "./replay";
import { serverContext } from "./context";

/** The replay verb's dependencies in the app server: its Elasticsearch, producer and topics. */
export function replayDeps(): ReplayDeps {
  const { config, es } = serverContext();
  const { send, topicExists } = replayKafka(config);
  return {
    es,
    indexPrefix: config.indexPrefix,
    send,
    topicExists,
    isDeadLetterTopic: (topic) => config.dlqPattern.test(topic),
    targetRefusal: (topic) => replayTargetRefusal(topic, config.replayTopics),
  };
}
