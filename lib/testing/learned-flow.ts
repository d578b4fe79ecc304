import type { Kafka } from "kafkajs";
import { uniqueName } from "./real-stack";

/**
 * Chains that teach Causeway one flow, A → B, with types of their own so other tests' chains
 * never mix in: `usual` chains where B follows A within 100 ms, one `slow` chain where B took a
 * minute, and one `stuck` chain whose A is a minute old and has no B.
 */
export type LearnedFlow = {
  topic: string;
  from: string;
  to: string;
  usual: string[];
  slow: string;
  stuck: string;
};

export const USUAL_CHAINS = 20;

export async function produceLearnedFlow(kafka: Kafka, label: string): Promise<LearnedFlow> {
  const topic = uniqueName(label);
  const tag = topic.slice(-8);
  const flow = {
    topic,
    from: `Placed${tag}`,
    to: `Paid${tag}`,
    usual: Array.from({ length: USUAL_CHAINS }, (_, i) => `${topic}-usual-${i}`),
    slow: `${topic}-slow`,
    stuck: `${topic}-stuck`,
  };
  const now = Date.now();
  const record = (correlationId: string, step: "a" | "b", type: string, at: number) => ({
    key: correlationId,
    partition: 0,
    value: JSON.stringify({
      event_id: `${correlationId}-${step}`,
      event_type: type,
      correlation_id: correlationId,
      causation_id: step === "b" ? `${correlationId}-a` : null,
      occurred_at: new Date(at).toISOString(),
      service: step === "a" ? "order-service" : "payment-service",
      payload: { orderId: correlationId, note: `flow ${tag}` },
    }),
  });
  const minuteAgo = now - 60_000;
  const messages = [
    ...flow.usual.flatMap((id) => [
      record(id, "a", flow.from, now - 1000),
      record(id, "b", flow.to, now - 900),
    ]),
    record(flow.slow, "a", flow.from, minuteAgo),
    record(flow.slow, "b", flow.to, now),
    record(flow.stuck, "a", flow.from, minuteAgo),
  ];
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages });
  await producer.disconnect();
  return flow;
}
