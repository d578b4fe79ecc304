import { asText } from "./bytes";
import { type EnvelopeInput, type EnvelopeRead, stringOf } from "./envelope-read";
import { headerValue } from "./fields";

/**
 * The CloudEvents Kafka protocol binding. Structured mode: the whole event is the JSON value,
 * announced by `content-type: application/cloudevents+json`. Binary mode: attributes are `ce_*`
 * headers and the value is the event data. `correlationid` / `causationid` are extension
 * attributes some producers add; `traceparent` is the distributed-tracing extension.
 */
const STRUCTURED_CONTENT_TYPE = /^application\/cloudevents\+json\s*(;|$)/i;

export function readCloudEvent(input: EnvelopeInput): EnvelopeRead | null {
  return readStructured(input) ?? readBinary(input);
}

function readStructured({ headers, body }: EnvelopeInput): EnvelopeRead | null {
  if (!body) return null;
  const contentType = headerValue(headers, ["content-type"]);
  const announced = contentType !== null && STRUCTURED_CONTENT_TYPE.test(contentType);
  // Producers that forget the content type still write the required attributes.
  const looksLikeOne =
    typeof body.specversion === "string" && "id" in body && "type" in body && "source" in body;
  if (!announced && !looksLikeOne) return null;
  return {
    kind: "cloudevents-structured",
    fields: {
      eventId: stringOf(body.id),
      eventType: stringOf(body.type),
      correlationId: stringOf(body.correlationid),
      causationId: stringOf(body.causationid),
      occurredAt: stringOf(body.time),
      schemaVersion: stringOf(body.dataschema),
      service: stringOf(body.source),
    },
    payload: "data" in body ? body.data : dataFromBase64(body.data_base64),
    traceparent: stringOf(body.traceparent),
  };
}

function readBinary({ headers }: EnvelopeInput): EnvelopeRead | null {
  const attribute = (name: string) => headerValue(headers, [`ce_${name}`]);
  if (
    attribute("specversion") === null &&
    (attribute("id") === null || attribute("type") === null)
  ) {
    return null;
  }
  return {
    kind: "cloudevents-binary",
    fields: {
      eventId: attribute("id"),
      eventType: attribute("type"),
      correlationId: attribute("correlationid"),
      causationId: attribute("causationid"),
      occurredAt: attribute("time"),
      schemaVersion: attribute("dataschema"),
      service: attribute("source"),
    },
    traceparent: attribute("traceparent"),
  };
}

/** `data_base64` decoded: JSON when it is JSON, else text, else null (the raw value keeps it). */
function dataFromBase64(encoded: unknown): unknown {
  if (typeof encoded !== "string") return null;
  const text = asText(Buffer.from(encoded, "base64"));
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
