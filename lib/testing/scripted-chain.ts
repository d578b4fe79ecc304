/**
 * Produces a chain written out step by step into real Kafka topics, so end-to-end tests and
 * benchmarks can make exactly the shape they need (a dead letter, a duplicate, a child stamped
 * before its parent) without waiting for the demo shop to roll it.
 */
import { randomUUID } from "node:crypto";
import type { Kafka } from "kafkajs";

export type ScriptedDeadLetter = {
  /** `ref` of the step that failed; its topic, partition and offset become the origin. */
  failed: string;
  consumerGroup: string;
  errorClass: string;
  errorMessage: string;
  errorStack?: string;
};

export type ScriptedStep = {
  /** The step's name inside the script, for `causedBy` and `failed`. */
  ref: string;
  eventType: string;
  /** Topic suffix; the full name is `<base>.<topic>`. */
  topic: string;
  service: string;
  /** Milliseconds after the chain's first step; becomes occurred_at and the Kafka timestamp. */
  atMs: number;
  /** `ref` of the parent step, or `{ unseen }` for a causation id nothing in the chain carries. */
  causedBy?: string | { unseen: string };
  /** Repeat another step's event id, as a duplicate delivery or a retry attempt does. */
  sameEventAs?: string;
  key?: string;
  payload?: Record<string, unknown>;
  deadLetter?: ScriptedDeadLetter;
};

export type ProducedStep = ScriptedStep & {
  eventId: string;
  topicName: string;
  partition: number;
  offset: string;
  /** `Event.id` as the collector indexes it. */
  id: string;
};

export type ProducedChain = { correlationId: string; base: string; steps: ProducedStep[] };

/**
 * Produces `steps` in order, one partition per topic so offsets follow the script. `start` is
 * the time of the first step (default now); a chain placed in the past makes it look settled.
 */
export async function produceScriptedChain(
  kafka: Kafka,
  base: string,
  steps: readonly ScriptedStep[],
  { correlationId = `${base}-${randomUUID().slice(0, 8)}`, start = Date.now() } = {},
): Promise<ProducedChain> {
  const topics = [...new Set(steps.map((step) => `${base}.${step.topic}`))];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: 1 })),
      });
    }
  } finally {
    await admin.disconnect();
  }

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const eventIds = assignEventIds(steps);
  const produced = new Map<string, ProducedStep>();
  try {
    for (const batch of batches(steps)) {
      const prepared = batch.map((step) =>
        prepare(step, { base, correlationId, start, eventIds, produced }),
      );
      const byTopic = new Map<string, PreparedStep[]>();
      for (const item of prepared)
        byTopic.set(item.topicName, [...(byTopic.get(item.topicName) ?? []), item]);
      const results = await producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, messages]) => ({
          topic,
          messages: messages.map(({ message }) => message),
        })),
      });
      for (const [topic, messages] of byTopic) {
        const baseOffset = results.find((r) => r.topicName === topic)?.baseOffset;
        if (baseOffset === undefined) throw new Error(`no offset for ${topic}`);
        messages.forEach(({ step, eventId }, index) => {
          const offset = String(BigInt(baseOffset) + BigInt(index));
          produced.set(step.ref, {
            ...step,
            eventId,
            topicName: topic,
            partition: 0,
            offset,
            id: `${topic}:0:${offset}`,
          });
        });
      }
    }
  } finally {
    await producer.disconnect();
  }
  return { correlationId, base, steps: [...produced.values()] };
}

/**
 * Steps in order, cut where a dead letter names an origin that is not produced yet, since its
 * headers carry the origin's offset.
 */
function batches(steps: readonly ScriptedStep[]): ScriptedStep[][] {
  const result: ScriptedStep[][] = [[]];
  for (const step of steps) {
    const current = result.at(-1) ?? [];
    const failed = step.deadLetter?.failed;
    if (failed !== undefined && current.some(({ ref }) => ref === failed)) result.push([step]);
    else current.push(step);
  }
  return result.filter((batch) => batch.length > 0);
}

type PreparedStep = {
  step: ScriptedStep;
  eventId: string;
  topicName: string;
  message: {
    partition: number;
    key: string;
    value: string;
    timestamp: string;
    headers: Record<string, string>;
  };
};

/** Known before anything is produced, so a step may name its cause within the same batch. */
function assignEventIds(steps: readonly ScriptedStep[]): Map<string, string> {
  const eventIds = new Map<string, string>();
  for (const step of steps) {
    const repeated = step.sameEventAs === undefined ? undefined : eventIds.get(step.sameEventAs);
    if (step.sameEventAs !== undefined && repeated === undefined) {
      throw new Error(`step "${step.ref}" repeats "${step.sameEventAs}", which comes later`);
    }
    eventIds.set(step.ref, repeated ?? randomUUID());
  }
  return eventIds;
}

type ScriptContext = {
  base: string;
  correlationId: string;
  start: number;
  eventIds: Map<string, string>;
  produced: Map<string, ProducedStep>;
};

function prepare(step: ScriptedStep, context: ScriptContext): PreparedStep {
  const { base, correlationId, start, eventIds, produced } = context;
  const eventId = eventIds.get(step.ref) ?? randomUUID();
  const envelope = {
    event_id: eventId,
    event_type: step.eventType,
    correlation_id: correlationId,
    causation_id: causationOf(step, eventIds),
    occurred_at: new Date(start + step.atMs).toISOString(),
    schema_version: "1",
    payload: step.payload ?? { step: step.ref },
  };
  return {
    step,
    eventId,
    topicName: `${base}.${step.topic}`,
    message: {
      partition: 0,
      key: step.key ?? correlationId,
      value: JSON.stringify(envelope),
      timestamp: String(start + step.atMs),
      headers: {
        service: step.service,
        ...(step.deadLetter ? deadLetterHeaders(step.deadLetter, produced) : {}),
      },
    },
  };
}

function causationOf(step: ScriptedStep, eventIds: Map<string, string>): string | null {
  if (step.causedBy === undefined) return null;
  if (typeof step.causedBy !== "string") return step.causedBy.unseen;
  const causationId = eventIds.get(step.causedBy);
  if (causationId === undefined) throw new Error(`step "${step.ref}" names no step as its cause`);
  return causationId;
}

function deadLetterHeaders(
  deadLetter: ScriptedDeadLetter,
  produced: Map<string, ProducedStep>,
): Record<string, string> {
  const origin = mustFind(produced, deadLetter.failed);
  return {
    "kafka_dlt-original-topic": origin.topicName,
    "kafka_dlt-original-partition": String(origin.partition),
    "kafka_dlt-original-offset": origin.offset,
    "kafka_dlt-original-consumer-group": deadLetter.consumerGroup,
    "kafka_dlt-exception-fqcn": deadLetter.errorClass,
    "kafka_dlt-exception-message": deadLetter.errorMessage,
    ...(deadLetter.errorStack ? { "kafka_dlt-exception-stacktrace": deadLetter.errorStack } : {}),
  };
}

function mustFind(produced: Map<string, ProducedStep>, ref: string): ProducedStep {
  const step = produced.get(ref);
  if (!step) throw new Error(`step "${ref}" is used before it is produced`);
  return step;
}

export function stepId(chain: ProducedChain, ref: string): string {
  const step = chain.steps.find((s) => s.ref === ref);
  if (!step) throw new Error(`the chain has no step "${ref}"`);
  return step.id;
}
