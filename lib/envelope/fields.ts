import type { EnvelopeInput, EnvelopeRead } from "./envelope-read";
import { lowerCaseLookup } from "./lower-case-lookup";

/**
 * Where each envelope concept is found in the wild (DESIGN.md, "The event envelope"), in the
 * order they are tried. Headers are matched case-insensitively.
 */
export type Concept =
  | "eventId"
  | "eventType"
  | "correlationId"
  | "causationId"
  | "occurredAt"
  | "schemaVersion"
  | "service";

export const headerNames: Record<Concept, string[]> = {
  eventId: ["event-id", "message-id", "ce_id"],
  eventType: ["event-type", "ce_type"],
  correlationId: ["correlation-id", "x-correlation-id", "correlation_id"],
  causationId: ["causation-id"],
  occurredAt: ["ce_time"],
  schemaVersion: ["ce_dataschema"],
  service: ["ce_source", "service", "producer"],
};

export const bodyKeys: Record<Concept, string[]> = {
  eventId: ["event_id", "eventId", "id", "messageId"],
  eventType: ["event_type", "eventType", "type", "messageType"],
  correlationId: ["correlation_id", "correlationId", "conversationId"],
  causationId: ["causation_id", "causationId", "initiatorId"],
  occurredAt: ["occurred_at", "occurredAt", "timestamp", "sentTime"],
  schemaVersion: ["schema_version", "schemaVersion", "version"],
  service: ["service", "source", "producer"],
};

/** Keys that mark a JSON body as an envelope around a `payload`, not the payload itself. */
export const seedEnvelopeKeys = ["event_id", "event_type", "correlation_id", "causation_id"];

const headerByName = lowerCaseLookup<string>();

export function headerValue(headers: Record<string, string>, names: string[]): string | null {
  for (const name of names) {
    const value = headerByName(headers, name);
    if (value !== undefined && value !== "" && !value.startsWith("base64:")) return value;
  }
  return null;
}

export function bodyValue(body: Record<string, unknown>, keys: string[]): string | null {
  for (const key of keys) {
    const value = body[key];
    if (typeof value === "string" && value !== "") return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
  }
  return null;
}

/** The trace id of a W3C `traceparent` header, the last resort for a correlation id. */
export function traceIdOf(traceparent: string | null): string | null {
  return traceContextOf(traceparent)?.traceId ?? null;
}

/** The trace id and parent (the producer's send span) id of a W3C `traceparent`. */
export function traceContextOf(
  traceparent: string | null,
): { traceId: string; spanId: string } | null {
  const match = traceparent
    ? /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/.exec(traceparent.trim().toLowerCase())
    : null;
  return match?.[1] && match[2] ? { traceId: match[1], spanId: match[2] } : null;
}

/**
 * The fallback decoder: the seed-style JSON envelope and the common header and body names above.
 * Its kind is `seed-json` for the seed envelope, `headers` when it found an id, else `none`.
 */
export function readConventions(input: EnvelopeInput): EnvelopeRead {
  const { body, headers } = input;
  const fields: EnvelopeRead["fields"] = {};
  for (const concept of Object.keys(headerNames) as Concept[]) {
    fields[concept] =
      headerValue(headers, headerNames[concept]) ??
      (body ? bodyValue(body, bodyKeys[concept]) : null);
  }
  const isSeed = body !== null && seedEnvelopeKeys.some((k) => k in body);
  return {
    kind: isSeed
      ? "seed-json"
      : fields.eventId != null || fields.correlationId != null
        ? "headers"
        : "none",
    fields,
    payload: isSeed && "payload" in body ? body.payload : undefined,
  };
}
