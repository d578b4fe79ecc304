import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createElasticsearch } from "@/lib/elastic/client";
import { buildCollector, collectorBundle } from "../scripts/build-collector";
import { createKafka } from "@/lib/kafka/client";
import { eventually, testConfig, uniqueName } from "@/lib/testing/real-stack";
import {
  compareWithBroker,
  createTopic,
  indexedCount,
  indexedRecords,
  sleep,
  startSteadyProducer,
  untilCommitted,
  steadyEventId,
} from "@/lib/testing/stream-fixtures";
import { deleteTestIndices } from "@/lib/testing/cleanup";

// Records arrive at 50/s from before the first start until the last restart.
const RATE = { perTick: 10, tickMs: 200 };
const KILLS = 3;

const base = testConfig({});
const kafka = createKafka(base.kafkaBrokers, "kill-int-test");
const es = createElasticsearch(base.elasticsearchUrl);
const prefix = uniqueName("kill");
const topic = uniqueName("kill9");
const group = uniqueName("group");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const started: ChildProcess[] = [];

/** The collector as production runs it, the bundle, in a process group of its own. */
function startCollectorProcess(): ChildProcess {
  const child = spawn(process.execPath, [collectorBundle], {
    cwd: root,
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      KAFKA_BROKERS: base.kafkaBrokers.join(","),
      ELASTICSEARCH_URL: base.elasticsearchUrl,
      CAUSEWAY_INDEX_PREFIX: prefix,
      CAUSEWAY_COLLECTOR_GROUP: group,
      CAUSEWAY_TOPICS: `^${topic}$`,
      CAUSEWAY_COLLECTOR_PORT: "0",
      CAUSEWAY_OTLP_PORT: "0",
      CAUSEWAY_TOPIC_REFRESH_MS: "1000",
      // A killed member holds its partitions until its session expires: keep that short here.
      CAUSEWAY_SESSION_TIMEOUT_MS: "8000",
    },
  });
  started.push(child);
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<NodeJS.Signals | null> {
  const exited = new Promise<NodeJS.Signals | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode);
    else child.once("exit", (_code, received) => resolve(received));
  });
  try {
    // The whole group goes, with anything the collector may have started.
    process.kill(-(child.pid ?? 0), signal);
  } catch {
    // already gone
  }
  return exited;
}

beforeAll(async () => {
  await buildCollector();
});

afterAll(async () => {
  await Promise.all(started.map((child) => signalGroup(child, "SIGKILL")));
  await deleteTestIndices(es, prefix);
});

describe("collector killed with SIGKILL mid-run", () => {
  it("holds exactly the produced records afterwards: none lost, none doubled", async () => {
    await createTopic(kafka, topic, 3);
    const producer = startSteadyProducer(kafka, topic, {
      total: 20_000,
      ...RATE,
      partitions: 3,
    });
    const countsAtKill: number[] = [];
    const testStarted = Date.now();
    const at = () => `${Math.round((Date.now() - testStarted) / 1000)} s`;
    const killedAt: string[] = [];
    let before = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const child = startCollectorProcess();
      before = await eventually(
        `progress of collector run ${kill + 1}`,
        async () => {
          const now = await indexedCount(es, prefix, topic);
          return now > before ? now : null;
        },
        60_000,
      );
      expect(await signalGroup(child, "SIGKILL")).toBe("SIGKILL");
      killedAt.push(at());
      // A bulk the killed process sent may still land: progress must come from the next one.
      await sleep(2_000);
      before = await indexedCount(es, prefix, topic);
      countsAtKill.push(before);
    }
    const producedAtLastKill = producer.sent();

    const survivor = startCollectorProcess();
    const total = await producer.stop();
    const ends = await untilCommitted(
      "every record committed",
      kafka,
      { groupId: group, topic },
      90_000,
    );
    const allCommittedAt = at();
    const records = await indexedRecords(es, prefix, topic);
    expect(await signalGroup(survivor, "SIGTERM")).toBeNull();

    const comparison = compareWithBroker(records, ends);
    expect(comparison).toEqual({
      expected: total,
      indexed: total,
      missing: [],
      duplicated: [],
    });
    expect(new Set(records.map((r) => r.eventId))).toEqual(
      new Set(Array.from({ length: total }, (_, i) => steadyEventId(topic, i))),
    );
    console.info(
      `[faults] kill -9: ${KILLS} kills with ${countsAtKill.join("/")} documents indexed after each, ` +
        `(at ${killedAt.join("/")}), ${producedAtLastKill} produced at the last, ${total} in all; all committed at ${allCommittedAt}; afterwards ${comparison.indexed} documents, ` +
        `${comparison.missing.length} missing, ${comparison.duplicated.length} doubled`,
    );
  }, 240_000);
});
