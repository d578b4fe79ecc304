import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeadLetterBoard, DeadLetterRecord } from "@/lib/dlq/board";
import { AuditEntry } from "@/lib/dlq/audit";
import { createKafka } from "@/lib/kafka/client";
import { startApp, type AppServer } from "@/lib/testing/app-server";
import {
  apiFetch,
  appUrl,
  eventually,
  produceInOrder,
  testConfig,
  uniqueName,
} from "@/lib/testing/real-stack";
import { createTopicsWithLeaders } from "@/lib/kafka/topics";

/**
 * The DLQ API against the real stack: dead letters produced to a topic of this test's own,
 * indexed by the collector `npm test` runs, grouped, triaged and replayed over HTTP.
 */
const { kafkaBrokers } = testConfig({});
const kafka = createKafka(kafkaBrokers, "dlq-api-int-test");
const admin = kafka.admin();

const dlqTopic = `${uniqueName("dlq-payments")}.DLQ`;
const originalTopic = uniqueName("dlq-orders");
const correlationIds = [uniqueName("order"), uniqueName("order"), uniqueName("order")];

function deadLetter(correlationId: string, index: number, errorClass: string, message: string) {
  return {
    key: correlationId,
    partition: 0,
    value: JSON.stringify({
      event_id: `${correlationId}-e`,
      event_type: "OrderPlaced",
      correlation_id: correlationId,
      causation_id: null,
      occurred_at: new Date().toISOString(),
      schema_version: "1",
      payload: { order_id: correlationId, outcome: "payment-fails" },
    }),
    headers: {
      "event-id": `${correlationId}-e`,
      "correlation-id": correlationId,
      "retry-attempt": "2",
      "kafka_dlt-original-topic": originalTopic,
      "kafka_dlt-original-partition": "0",
      "kafka_dlt-original-offset": String(index),
      "kafka_dlt-original-consumer-group": "payment-service",
      "kafka_dlt-exception-fqcn": errorClass,
      "kafka_dlt-exception-message": message,
    },
  };
}

async function board(query = ""): Promise<DeadLetterBoard> {
  const response = await apiFetch(`/api/dlq?topic=${encodeURIComponent(dlqTopic)}${query}`);
  expect(response.status).toBe(200);
  return DeadLetterBoard.parse(await response.json());
}

function post(
  path: string,
  body: unknown,
  role: "operator" | "viewer" = "operator",
  baseUrl?: string,
) {
  return apiFetch(path, {
    role,
    baseUrl,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function endOffsets(topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high), 0);
}

describe("DLQ board and replay API", () => {
  beforeAll(async () => {
    await admin.connect();
    await createTopicsWithLeaders(admin, [
      { topic: dlqTopic, numPartitions: 1 },
      { topic: originalTopic, numPartitions: 1 },
    ]);
    await produceInOrder({
      topic: dlqTopic,
      messages: [
        ...correlationIds.map((id, i) =>
          deadLetter(
            id,
            i,
            "com.shop.payment.CardDeclinedException",
            `Card declined: do_not_honor (VISA ending 42${i}1, order ${id})`,
          ),
        ),
        deadLetter(
          uniqueName("order"),
          9,
          "java.net.SocketTimeoutException",
          "Read timed out after 3000 ms",
        ),
      ],
    });
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [dlqTopic, originalTopic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it("groups the dead letters by failure, with counts, original topic and consumer group", async () => {
    const { groups } = await eventually(
      "four indexed dead letters",
      async () => {
        const b = await board();
        return b.groups.reduce((n, g) => n + g.count, 0) === 4 ? b : null;
      },
      90_000,
    );
    expect(groups.map((g) => [g.errorClass, g.count]).sort()).toEqual([
      ["com.shop.payment.CardDeclinedException", 3],
      ["java.net.SocketTimeoutException", 1],
    ]);
    const declined = groups.find((g) => g.count === 3);
    expect(declined).toMatchObject({
      dlqTopic,
      message: "Card declined: do_not_honor (<*>)",
      originalTopics: [originalTopic],
      consumerGroups: ["payment-service"],
      state: "new",
      newCount: 3,
    });
    expect(declined?.trend.reduce((a, b) => a + b, 0)).toBe(3);
  }, 120_000);

  it("moves a group to investigating, keeps who did it, and filters by state and error", async () => {
    const declined = (await board("&error=carddeclined")).groups;
    expect(declined).toHaveLength(1);
    const fingerprint = declined[0]?.fingerprint ?? "";
    const response = await post("/api/dlq/triage", {
      items: [{ kind: "group", fingerprint }],
      update: { state: "investigating", assignee: "ana", note: "gateway?" },
    });
    expect(response.status).toBe(200);

    const investigating = (await board("&state=investigating")).groups;
    expect(investigating.map((g) => g.fingerprint)).toEqual([fingerprint]);
    expect(investigating[0]).toMatchObject({ newCount: 0, triage: { assignee: "ana" } });
    expect(investigating[0]?.triage?.history[0]?.state).toEqual({
      from: "new",
      to: "investigating",
    });

    const refused = await post("/api/dlq/triage", {
      items: [{ kind: "group", fingerprint }],
      update: { state: "investigating" },
    });
    expect(refused.status).toBe(422);

    const audit = await apiFetch("/api/audit?kind=triage&size=50");
    const entries = (await audit.json()) as { entries: unknown[] };
    expect(
      entries.entries
        .map((e) => AuditEntry.parse(e))
        .some(
          (e) =>
            e.kind === "triage" &&
            e.target.kind === "group" &&
            e.target.fingerprint === fingerprint,
        ),
    ).toBe(true);
  });

  it("replays one record exactly once for concurrent identical requests", async () => {
    const fingerprint = (await board("&error=carddeclined")).groups[0]?.fingerprint ?? "";
    const recordsResponse = await apiFetch(`/api/dlq/groups/${fingerprint}/records`);
    const { records } = (await recordsResponse.json()) as { records: unknown[] };
    const record = DeadLetterRecord.parse(records[0]);
    expect(record.state).toBe("investigating");

    const edited = JSON.stringify({ fixed: true, correlation_id: record.correlationId });
    const request = { recordId: record.id, reason: "gateway fixed", editedValue: edited };
    const dry = await post("/api/dlq/replay/dry-run", request);
    expect(dry.status).toBe(200);
    const plan = (await dry.json()) as {
      generation: number;
      plan: {
        topic: string;
        headers: { key: string; value: string }[];
        value: string;
        valueDiff: unknown[];
      };
    };
    const planHeaders = Object.fromEntries(plan.plan.headers.map((h) => [h.key, h.value]));
    expect(plan.plan.topic).toBe(originalTopic);
    expect(plan.plan.value).toBe(edited);
    expect(planHeaders).toMatchObject({
      "correlation-id": record.correlationId,
      "causeway-replay-of": record.id,
      "causeway-replay-reason": "gateway fixed",
    });
    expect(
      Object.keys(planHeaders).filter((h) => h.startsWith("kafka_dlt-") || h === "retry-attempt"),
    ).toEqual([]);
    expect(await endOffsets(originalTopic)).toBe(0);

    const confirm = { ...request, generation: plan.generation };
    const answers = await Promise.all([1, 2, 3].map(() => post("/api/dlq/replay", confirm)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(await endOffsets(originalTopic)).toBe(1);

    const different = await post("/api/dlq/replay", { ...confirm, editedValue: "{}" });
    expect(different.status).toBe(409);
    expect(await endOffsets(originalTopic)).toBe(1);

    const after = await apiFetch(`/api/dlq/groups/${fingerprint}/records`);
    const replayed = ((await after.json()) as { records: unknown[] }).records
      .map((r) => DeadLetterRecord.parse(r))
      .find((r) => r.id === record.id);
    expect(replayed?.state).toBe("replayed");
    expect(replayed?.replays).toHaveLength(1);
    expect(replayed?.replays[0]).toMatchObject({ status: "produced", topic: originalTopic });
  });

  it("lets viewers read but not triage or replay, and nobody in without credentials", async () => {
    const { groups } = await board();
    const fingerprint = groups[0]?.fingerprint ?? "";
    const records = await apiFetch(`/api/dlq/groups/${fingerprint}/records`, { role: "viewer" });
    expect(records.status).toBe(200);
    const first = DeadLetterRecord.parse(
      ((await records.json()) as { records: unknown[] }).records[0],
    );
    const before = await endOffsets(originalTopic);

    const replay = await post(
      "/api/dlq/replay",
      { recordId: first.id, reason: "r", generation: 9 },
      "viewer",
    );
    expect(replay.status).toBe(403);
    expect(await replay.json()).toMatchObject({ error: expect.any(String) });
    const dryRun = await post(
      "/api/dlq/replay/dry-run",
      { recordId: first.id, reason: "r" },
      "viewer",
    );
    expect(dryRun.status).toBe(403);
    const triage = await post(
      "/api/dlq/triage",
      { items: [{ kind: "group", fingerprint }], update: { state: "resolved" } },
      "viewer",
    );
    expect(triage.status).toBe(403);
    expect(await endOffsets(originalTopic)).toBe(before);

    const anonymous = await fetch(`${appUrl}/api/dlq/replay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ recordId: first.id, reason: "r", generation: 9 }),
    });
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${appUrl}/api/dlq`)).status).toBe(401);
  });

  it("answers bad input with a 4xx and a sentence", async () => {
    expect((await apiFetch("/api/dlq?from=yesterday")).status).toBe(400);
    expect((await apiFetch("/api/dlq?state=fixed")).status).toBe(400);
    expect((await apiFetch("/api/dlq/groups/not-a-fingerprint/records")).status).toBe(400);
    expect((await post("/api/dlq/replay", { recordId: "x" })).status).toBe(400);
    expect(
      (await post("/api/dlq/replay/dry-run", { recordId: "nope:0:1", reason: "r" })).status,
    ).toBe(404);
    const notJson = await apiFetch("/api/dlq/replay", {
      role: "operator",
      method: "POST",
      body: "recordId=x",
    });
    expect(notJson.status).toBe(415);
    expect(await notJson.json()).toMatchObject({ error: expect.any(String) });
    const { groups } = await board();
    const records = await apiFetch(`/api/dlq/groups/${groups[0]?.fingerprint}/records`);
    const first = DeadLetterRecord.parse(
      ((await records.json()) as { records: unknown[] }).records[0],
    );
    const missingTopic = await post("/api/dlq/replay/dry-run", {
      recordId: first.id,
      reason: "r",
      targetTopic: uniqueName("does-not-exist"),
    });
    expect(missingTopic.status).toBe(422);
  });

  describe("replay targets", () => {
    // A second app that may replay only to this topic of the test's own.
    const allowedTopic = uniqueName("dlq-allowed");
    let limited: AppServer;

    beforeAll(async () => {
      await createTopicsWithLeaders(admin, [{ topic: allowedTopic, numPartitions: 1 }]);
      limited = await startApp({ CAUSEWAY_REPLAY_TOPICS: `${allowedTopic},unused-*` });
    });

    afterAll(async () => {
      await limited?.stop();
      await admin.deleteTopics({ topics: [allowedTopic] }).catch(() => undefined);
    });

    async function someRecordId(): Promise<string> {
      const { groups } = await board();
      const records = await apiFetch(`/api/dlq/groups/${groups[0]?.fingerprint}/records`);
      const body = (await records.json()) as { records: unknown[] };
      return DeadLetterRecord.parse(body.records[0]).id;
    }

    it("refuses Kafka's internal topics as a target, for a dry run and a replay", async () => {
      const recordId = await someRecordId();
      const request = { recordId, reason: "probe", targetTopic: "__consumer_offsets" };
      const refusal = {
        error:
          "__consumer_offsets is an internal topic; replays never produce to Kafka's or a registry's own topics.",
      };
      const dry = await post("/api/dlq/replay/dry-run", request);
      expect(dry.status).toBe(422);
      expect(await dry.json()).toEqual(refusal);
      const replay = await post("/api/dlq/replay", { ...request, generation: 0 });
      expect(replay.status).toBe(422);
      expect(await replay.json()).toEqual(refusal);
      const { groups } = await board();
      const group = await post(`/api/dlq/groups/${groups[0]?.fingerprint}/replay/dry-run`, {
        reason: "probe",
        targetTopic: "__consumer_offsets",
      });
      expect(group.status).toBe(422);
      expect(await group.json()).toEqual(refusal);
    });

    it("with CAUSEWAY_REPLAY_TOPICS, refuses the original topic and targets outside the list", async () => {
      const recordId = await someRecordId();
      const baseUrl = `http://127.0.0.1:${limited.port}`;
      const toOriginal = await post(
        "/api/dlq/replay/dry-run",
        { recordId, reason: "probe" },
        "operator",
        baseUrl,
      );
      expect(toOriginal.status).toBe(422);
      expect(((await toOriginal.json()) as { error: string }).error).toBe(
        `${originalTopic} is not among the topics replays may produce to (CAUSEWAY_REPLAY_TOPICS); choose another target or ask an administrator to allow it.`,
      );
      const elsewhere = await post(
        "/api/dlq/replay/dry-run",
        { recordId, reason: "probe", targetTopic: `${allowedTopic}-other` },
        "operator",
        baseUrl,
      );
      expect(elsewhere.status).toBe(422);
      const allowed = await post(
        "/api/dlq/replay/dry-run",
        { recordId, reason: "probe", targetTopic: allowedTopic },
        "operator",
        baseUrl,
      );
      expect(allowed.status).toBe(200);
      expect(((await allowed.json()) as { plan: { topic: string } }).plan.topic).toBe(allowedTopic);
    });
  });
});
