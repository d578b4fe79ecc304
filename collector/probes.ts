import type { Client } from "@elastic/elasticsearch";
import type { Admin, Kafka } from "kafkajs";
import type { Config } from "@/lib/config/config";
import { errorMessage } from "@/lib/log";
import type { Collector } from "./collector";
import { readKafkaGauges } from "./kafka-gauges";
import type { KafkaGauges } from "./metrics";
import { recentRead } from "./recent-read";

const PROBE_TIMEOUT_MS = 3_000;
/** How old the Kafka gauges of /metrics may be: they cost the broker a request per topic. */
const GAUGES_MAX_AGE_MS = 1_000;

export type Health = {
  healthy: boolean;
  /** One sentence per thing that is wrong; empty when healthy. */
  reasons: string[];
};

export type Probes = {
  health(): Promise<Health>;
  /** Lag and DLQ depths read from the broker now; null when it does not answer. */
  kafkaGauges(): Promise<KafkaGauges | null>;
  close(): Promise<void>;
};

/**
 * Active checks behind /healthz and the Kafka gauges of /metrics. They ask the servers at request
 * time (with a short timeout; the gauges at most once a second) rather than trusting the last
 * write, so an idle collector whose Elasticsearch or broker went away still reports it.
 */
export function createProbes(deps: {
  config: Config;
  kafka: Kafka;
  es: Client;
  collector: Collector;
}): Probes {
  const { config, es, collector } = deps;
  const admin: Admin = deps.kafka.admin();
  let connecting: Promise<void> | null = null;
  const connected = () => {
    connecting ??= admin.connect().catch((error: unknown) => {
      connecting = null;
      throw error;
    });
    return connecting;
  };
  // One question to the broker at a time: a hung one is shared, not multiplied per request.
  let kafkaCheck: Promise<void> | null = null;
  const askKafka = () => {
    kafkaCheck ??= connected()
      .then(() => admin.describeCluster())
      .then(() => undefined)
      .finally(() => {
        kafkaCheck = null;
      });
    return kafkaCheck;
  };

  return {
    async health() {
      const [esResult, kafkaResult] = await Promise.allSettled([
        es.cluster.health({}, { requestTimeout: PROBE_TIMEOUT_MS }),
        withTimeout(askKafka(), "kafka"),
      ]);
      const reasons: string[] = [];
      if (esResult.status === "rejected") {
        reasons.push(`elasticsearch unreachable: ${errorMessage(esResult.reason)}`);
      } else if (collector.elasticsearch.state === "unreachable") {
        reasons.push(
          `elasticsearch refusing bulk requests: ${collector.elasticsearch.reason ?? "unknown"}`,
        );
      }
      if (kafkaResult.status === "rejected") {
        reasons.push(`kafka unreachable: ${errorMessage(kafkaResult.reason)}`);
      }
      return { healthy: reasons.length === 0, reasons };
    },
    kafkaGauges: recentRead(async () => {
      try {
        return await withTimeout(
          connected().then(() =>
            readKafkaGauges(
              admin,
              config.collectorGroup,
              collector.subscribedTopics(),
              config.dlqPattern,
            ),
          ),
          "kafka",
        );
      } catch {
        return null;
      }
    }, GAUGES_MAX_AGE_MS),
    async close() {
      await admin.disconnect();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
