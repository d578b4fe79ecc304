import type { DeadLetterSummary } from "../events/event";

type ConnectFailure = Pick<DeadLetterSummary, "stage" | "connectorName" | "taskId">;

/**
 * Where a Kafka Connect dead letter failed, as one line: `VALUE_CONVERTER in rj-file-sink task 0`.
 * Null for dead letters that are not Connect's.
 */
export function describeConnectFailure(failure: ConnectFailure): string | null {
  const { stage, connectorName, taskId } = failure;
  if (stage === null && connectorName === null) return null;
  const where = connectorName === null ? "" : ` in ${connectorName}`;
  const task = taskId === null ? "" : ` task ${taskId}`;
  return `${stage ?? "a stage"}${where}${task}`;
}
