import { beforeAll, describe, expect, it } from "vitest";
import { ChainComparison } from "@/lib/chain/compare";
import { apiFetch, eventually, produceInOrder, uniqueName } from "@/lib/testing/real-stack";

/** Compare a good order with a stuck one, produced into the real Kafka. */
const topic = uniqueName("compare");
const good = uniqueName("good");
const stuck = uniqueName("stuck");

function record(
  correlationId: string,
  step: string,
  type: string,
  cause: string | null,
  service: string,
) {
  return {
    key: correlationId,
    partition: 0,
    value: JSON.stringify({
      event_id: `${correlationId}-${step}`,
      event_type: type,
      correlation_id: correlationId,
      causation_id: cause === null ? null : `${correlationId}-${cause}`,
      occurred_at: new Date().toISOString(),
      service,
    }),
  };
}

beforeAll(async () => {
  await produceInOrder({
    topic,
    messages: [
      record(good, "o", "OrderPlaced", null, "order-service"),
      record(good, "p", "PaymentProcessed", "o", "payment-service"),
      record(stuck, "o", "OrderPlaced", null, "order-service"),
    ],
  });
});

describe("GET /api/compare", () => {
  it("names the steps and services only one of the two chains has", async () => {
    const comparison = await eventually(
      "both chains indexed",
      async () => {
        const response = await apiFetch(`/api/compare?a=${good}&b=${stuck}`);
        return response.ok ? ChainComparison.parse(await response.json()) : null;
      },
      45_000,
    );
    expect(comparison.a).toMatchObject({ correlationId: good, eventCount: 2 });
    expect(comparison.b).toMatchObject({ correlationId: stuck, eventCount: 1 });
    expect(comparison.steps.find((s) => s.eventType === "PaymentProcessed")).toMatchObject({
      a: 1,
      b: 0,
    });
    expect(comparison.services.onlyA).toEqual(["payment-service"]);
    expect(comparison.differences).toContain("Only A has PaymentProcessed (1).");
  });

  it("answers 404 naming the id nothing carries", async () => {
    const nobody = uniqueName("nobody");
    const response = await apiFetch(`/api/compare?a=${good}&b=${nobody}`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain(nobody);
  });

  it("answers 400 when an id is missing", async () => {
    const response = await apiFetch(`/api/compare?a=${good}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/in b/);
  });
});
