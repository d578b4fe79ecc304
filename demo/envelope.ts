import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ConsumedRecord } from "./record";
import { ConsumerFailure, invalidEvent, jsonParseFailure } from "./failures";

/** The shop's own ("seed style") event envelope; the ids are repeated as Kafka headers. */
export const Envelope = z.object({
  event_id: z.uuid(),
  event_type: z.string().min(1),
  correlation_id: z.string().min(1),
  causation_id: z.uuid().nullable(),
  occurred_at: z.iso.datetime({ offset: true }),
  schema_version: z.literal("1"),
  payload: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof Envelope>;

export function newEnvelope(
  eventType: string,
  correlationId: string,
  causationId: string | null,
  payload: Record<string, unknown>,
): Envelope {
  return {
    event_id: randomUUID(),
    event_type: eventType,
    correlation_id: correlationId,
    causation_id: causationId,
    occurred_at: new Date().toISOString(),
    schema_version: "1",
    payload,
  };
}

/** The next event of a chain: same correlation id, caused by `cause`. */
export function followUp(
  cause: Envelope,
  eventType: string,
  payload: Record<string, unknown>,
): Envelope {
  return newEnvelope(eventType, cause.correlation_id, cause.event_id, payload);
}

export function envelopeHeaders(envelope: Envelope, service: string): Record<string, string> {
  return {
    "event-id": envelope.event_id,
    "event-type": envelope.event_type,
    "correlation-id": envelope.correlation_id,
    ...(envelope.causation_id === null ? {} : { "causation-id": envelope.causation_id }),
    service,
  };
}

/** Reads a record as `eventType` with a payload of `schema`, or throws what Jackson would. */
export function decodeEvent<Payload>(
  record: ConsumedRecord,
  eventType: string,
  schema: z.ZodType<Payload>,
): { envelope: Envelope; payload: Payload } {
  const text = record.value?.toString("utf8") ?? "";
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw jsonParseFailure(text, error);
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) throw invalidEvent("envelope", envelope.error);
  if (envelope.data.event_type !== eventType) {
    throw new ConsumerFailure(
      "com.shop.common.UnexpectedEventTypeException",
      `Expected ${eventType} but got ${envelope.data.event_type}`,
      ["com.shop.common.EventRouter.route(EventRouter.java:48)"],
    );
  }
  const payload = schema.safeParse(envelope.data.payload);
  if (!payload.success) throw invalidEvent(`${eventType} payload`, payload.error);
  return { envelope: envelope.data, payload: payload.data };
}
