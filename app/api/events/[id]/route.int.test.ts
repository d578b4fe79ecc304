import { beforeAll, describe, expect, it } from "vitest";
import { Event } from "@/lib/events/event";
import {
  apiFetch,
  appUrl,
  eventually,
  produceInOrder,
  type TestRole,
  uniqueName,
} from "@/lib/testing/real-stack";

/**
 * One record whole, as the chain page's event detail loads it: produced into the real Kafka,
 * indexed by the collector `npm test` runs, read over HTTP from the production build.
 */
const email = "ada@example.com";

function getEvent(id: string, role: TestRole = "viewer"): Promise<Response> {
  return apiFetch(`/api/events/${encodeURIComponent(id)}`, { role });
}

describe("GET /api/events/{id}", () => {
  const topic = uniqueName("events-api");
  const correlationId = uniqueName("order");
  const id = `${topic}:0:0`;

  beforeAll(async () => {
    await produceInOrder({
      topic,
      messages: [
        {
          partition: 0,
          key: "o",
          headers: { authorization: "Bearer upstream-secret", "x-trace": "t-1" },
          value: JSON.stringify({
            event_id: "a",
            event_type: "CustomerUpdated",
            correlation_id: correlationId,
            causation_id: null,
            occurred_at: new Date().toISOString(),
            schema_version: "1",
            payload: { customer: { email, name: "Ada" } },
          }),
        },
      ],
    });
    await eventually("the record indexed", async () => (await getEvent(id)).ok, 45_000);
  });

  it("gives an operator the record whole: headers, payload and raw value", async () => {
    const response = await getEvent(id, "operator");
    expect(response.status).toBe(200);
    const event = Event.parse(await response.json());
    expect(event).toMatchObject({ id, topic, partition: 0, offset: "0", correlationId });
    expect(event.headers).toEqual([
      { key: "authorization", value: "Bearer upstream-secret" },
      { key: "x-trace", value: "t-1" },
    ]);
    expect(event.payload).toEqual({ customer: { email, name: "Ada" } });
    expect(event.raw).toContain(email);
  });

  it("masks what viewers may not see, as the chain API does", async () => {
    const body = await (await getEvent(id, "viewer")).text();
    expect(body).not.toContain(email);
    expect(body).not.toContain("upstream-secret");
    const event = Event.parse(JSON.parse(body));
    expect(event.payload).toEqual({ customer: { email: "[masked]", name: "Ada" } });
    expect(event.headers).toEqual([
      { key: "authorization", value: "[masked]" },
      { key: "x-trace", value: "t-1" },
    ]);
    expect(event.raw).toBeNull();
  });

  it("answers 404 with an error for a record nothing indexed", async () => {
    const response = await getEvent(`${topic}:0:99`);
    expect(response.status).toBe(404);
    expect((await response.json()) as unknown).toEqual({
      error: expect.stringContaining("No record"),
    });
  });

  it.each([["orders"], ["orders:0"], ["orders:x:1"], ["a b:0:1"], [`${"x".repeat(520)}:0:1`]])(
    "answers 400 with an error for the malformed id %s",
    async (bad) => {
      const response = await getEvent(bad);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/Malformed event id/);
    },
  );

  it("answers 401 without credentials", async () => {
    const response = await fetch(`${appUrl}/api/events/${encodeURIComponent(id)}`);
    expect(response.status).toBe(401);
  });
});
