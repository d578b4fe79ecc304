import { inferShape, shapeId, type Shape } from "./shape";

type Classified = {
  topic: string;
  eventType: string | null;
  /** The registry subject the value was decoded with, if it was. */
  subject?: string | null;
  payload: unknown;
  isDeadLetter: boolean;
};

/**
 * The event type a record's contract is kept under: the envelope's type, else the registry
 * subject it was written with, else the topic, since a topic without typed envelopes usually
 * carries one kind of record.
 */
export function contractOf(record: Pick<Classified, "topic" | "eventType" | "subject">): string {
  return record.eventType ?? record.subject ?? record.topic;
}

/** The shape of a record's JSON payload within its contract; dead letters have none. */
export function shapeOf(record: Classified): { id: string; shape: Shape } | null {
  if (record.isDeadLetter || record.payload === null || typeof record.payload !== "object") {
    return null;
  }
  const shape = inferShape(record.payload);
  return { id: shapeId(contractOf(record), shape), shape };
}
