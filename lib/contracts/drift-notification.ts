import type { StoredShape } from "../elastic/shapes";
import { describeDrift, type ShapeDiff } from "./drift";

export type DriftNotification = {
  event: "contract.drift.breaking";
  eventType: string;
  topic: string;
  summary: string;
  removed: ShapeDiff["removed"];
  changed: ShapeDiff["changed"];
  added: ShapeDiff["added"];
  at: string;
  contractUrl: string;
};

/** The webhook body for a breaking drift, posted where DLQ notifications go. */
export function driftNotification(input: {
  before: StoredShape;
  after: StoredShape;
  diff: ShapeDiff;
  publicUrl: string;
}): DriftNotification {
  const { after, diff } = input;
  return {
    event: "contract.drift.breaking",
    eventType: after.contract,
    topic: after.topic,
    summary: describeDrift({
      contract: after.contract,
      diff,
      at: after.firstSeen,
      shareSince: null,
      consumers: new Map(),
    }),
    removed: diff.removed,
    changed: diff.changed,
    added: diff.added,
    at: after.firstSeen,
    // Concatenated rather than resolved, so an app served under a path keeps it.
    contractUrl: `${input.publicUrl}/contracts/${encodeURIComponent(after.contract)}`,
  };
}
