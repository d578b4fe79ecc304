import type { EnvelopeInput, EnvelopeRead } from "./envelope-read";
import { headerValue } from "./fields";

/** NServiceBus message headers; the body is the message itself. */
export function readNServiceBus({ headers }: EnvelopeInput): EnvelopeRead | null {
  const header = (name: string) => headerValue(headers, [`nservicebus.${name.toLowerCase()}`]);
  const messageId = header("MessageId");
  if (messageId === null) return null;
  return {
    kind: "nservicebus",
    fields: {
      eventId: messageId,
      eventType: enclosedTypeName(header("EnclosedMessageTypes")),
      correlationId: header("ConversationId"),
      causationId: header("RelatedTo"),
      // Read by parseTime, which knows its `yyyy-MM-dd HH:mm:ss:ffffff Z` wire format.
      occurredAt: header("TimeSent"),
      service: header("OriginatingEndpoint"),
    },
  };
}

/**
 * The first of `Shop.Messages.OrderPlaced, Shop.Messages, Version=1.0.0.0, …;Shop.IEvent, …`
 * without namespace and assembly: `OrderPlaced`.
 */
export function enclosedTypeName(types: string | null): string | null {
  const fullName = types?.split(";")[0]?.split(",")[0]?.split("[")[0]?.split("`")[0]?.trim();
  if (!fullName) return null;
  return fullName.slice(Math.max(fullName.lastIndexOf("."), fullName.lastIndexOf("+")) + 1) || null;
}
