import type { Body } from "./envelope-read";
import { headerBytesOf, headerCount } from "./headers";

/**
 * Which delivery attempt a record is, where a framework says so. On a retry record this is the
 * attempt it carries; on a dead letter, the last attempt that failed.
 */
export function readAttempt(
  headerBytes: Record<string, Buffer>,
  wrapper: Body | null,
  isDeadLetter: boolean,
): number | null {
  const count = (name: string) => headerCount(headerBytesOf(headerBytes, name));
  // Spring numbers the attempt a record will be delivered as, so the record it forwards to the
  // DLT carries one more than the attempts that were made.
  const spring = count("retry_topic-attempts");
  if (spring !== null) return positive(isDeadLetter ? spring - 1 : spring);
  // MassTransit and the wrapped body count retries after the first delivery.
  const retries =
    count("mt-fault-retrycount") ??
    count("mt-redelivery-count") ??
    (typeof wrapper?.retry_count === "number" ? wrapper.retry_count : null);
  return retries === null ? null : positive(retries + 1);
}

function positive(attempt: number): number | null {
  // The index stores it as a 32-bit integer.
  return Number.isInteger(attempt) && attempt >= 1 && attempt <= 2 ** 31 - 1 ? attempt : null;
}
