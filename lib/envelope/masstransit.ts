import { type EnvelopeInput, type EnvelopeRead, isObject, stringOf } from "./envelope-read";
import { headerValue } from "./fields";

/**
 * MassTransit's JSON envelope: `{messageId, conversationId, correlationId, initiatorId,
 * sourceAddress, messageType: ["urn:message:Namespace:Type"], sentTime, message}`.
 */
const MESSAGE_URN = "urn:message:";

export function readMassTransit({ headers, body }: EnvelopeInput): EnvelopeRead | null {
  if (!body || !isObject(body.message)) return null;
  const types = Array.isArray(body.messageType) ? body.messageType : [];
  const contentType = headerValue(headers, ["content-type"]);
  const announced = contentType !== null && /masstransit/i.test(contentType);
  const hasUrn = types.some((t) => typeof t === "string" && t.startsWith(MESSAGE_URN));
  if (!announced && !hasUrn) return null;
  return {
    kind: "masstransit",
    fields: {
      eventId: stringOf(body.messageId),
      eventType: typeName(types[0]),
      // MassTransit carries the conversation id to every message a consumer sends or publishes;
      // correlationId is set only by sagas and explicit correlation, so it is the fallback.
      correlationId: stringOf(body.conversationId) ?? stringOf(body.correlationId),
      causationId: stringOf(body.initiatorId),
      occurredAt: stringOf(body.sentTime),
      service: endpointName(stringOf(body.sourceAddress)),
    },
    payload: body.message,
  };
}

/** `urn:message:Shop.Orders:OrderPlaced` → `OrderPlaced` (generic arguments dropped). */
function typeName(urn: unknown): string | null {
  if (typeof urn !== "string" || urn === "") return null;
  const name = urn.split("[")[0] ?? urn;
  return name.slice(name.lastIndexOf(":") + 1) || null;
}

/** `rabbitmq://host/vhost/order-service?durable=false` → `order-service`. */
export function endpointName(address: string | null): string | null {
  if (address === null) return null;
  try {
    return new URL(address).pathname.split("/").filter(Boolean).at(-1) ?? null;
  } catch {
    return null;
  }
}
