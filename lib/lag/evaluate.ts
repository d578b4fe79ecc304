import type { LagSample } from "./sample";
import { compareStatus, type LagStatus, type Verdict } from "./status";

/**
 * Judges a consumer over a window of samples, the way Burrow does, from what the admin API
 * shows: committed offsets, end offsets and members. Kafka does not say when a group last
 * committed an unchanged offset, so "not committing" is read as "committed offset not moving".
 */
export type PartitionPoint = {
  time: number;
  committed: number | null;
  end: number;
  lag: number | null;
  members: number;
};

export type PartitionVerdict = Verdict & { partition: number };

const MIN_POINTS_FOR_TREND = 3;

export function evaluatePartition(points: readonly PartitionPoint[], windowMs: number): Verdict {
  const latest = points[points.length - 1];
  if (!latest) return { status: "ERR", explanation: "No sample of this partition was taken." };
  if (latest.committed === null || latest.lag === null) {
    return { status: "OK", explanation: "The group has never committed an offset here." };
  }
  if (latest.committed > latest.end) {
    return {
      status: "ERR",
      explanation: `The committed offset ${latest.committed} is past the end of the log (${latest.end}): the topic was truncated or recreated.`,
    };
  }
  const windowStart = latest.time - windowMs;
  const inWindow = points.filter((p) => p.time >= windowStart && p.committed !== null);

  const rewind = findRewind(inWindow);
  if (rewind) {
    return {
      status: "REWIND",
      explanation: `The committed offset moved back from ${rewind.from} to ${rewind.to}: the group re-reads records it had already consumed.`,
    };
  }
  if (latest.lag === 0) {
    return { status: "OK", explanation: "Caught up: every record is consumed." };
  }

  const unmovedMs = latest.time - unmovedSince(points);
  const unmoved = formatSeconds(unmovedMs);
  if (unmovedMs >= windowMs) {
    const lagRose = inWindow.some((p) => p.lag !== null && p.lag < (latest.lag ?? 0));
    if (latest.members === 0 || lagRose) {
      const who = latest.members === 0 ? "no member is connected" : "new records keep arriving";
      return {
        status: "STOP",
        explanation: `The committed offset has not moved for ${unmoved} while ${latest.lag} messages wait and ${who}: the consumer has stopped.`,
      };
    }
    return {
      status: "STALL",
      explanation: `${latest.members} member(s) are connected but the committed offset has not moved for ${unmoved} with ${latest.lag} messages unread: the consumer is stuck.`,
    };
  }

  // Burrow's first rule: a consumer that was caught up at some point in the window is keeping up;
  // one fresh record at the latest sample is not a trend.
  if (inWindow.some((p) => p.lag === 0)) {
    return {
      status: "OK",
      explanation: `Keeping up: ${latest.lag} messages behind now, caught up within the last ${formatSeconds(windowMs)}.`,
    };
  }
  if (isRising(inWindow)) {
    const first = inWindow[0] as PartitionPoint;
    return {
      status: "WARN",
      explanation: `Lag rose from ${first.lag} to ${latest.lag} messages over ${formatSeconds(latest.time - first.time)}: the consumer is falling behind.`,
    };
  }
  return {
    status: "OK",
    explanation: `Consuming: ${latest.lag} messages behind, and the committed offset is moving.`,
  };
}

function findRewind(points: readonly PartitionPoint[]): { from: number; to: number } | null {
  for (let i = 1; i < points.length; i += 1) {
    const before = points[i - 1]?.committed ?? null;
    const after = points[i]?.committed ?? null;
    if (before !== null && after !== null && after < before) return { from: before, to: after };
  }
  return null;
}

/** The time of the oldest sample from which on the committed offset stayed what it is now. */
function unmovedSince(points: readonly PartitionPoint[]): number {
  const latest = points[points.length - 1] as PartitionPoint;
  let since = latest.time;
  for (let i = points.length - 2; i >= 0; i -= 1) {
    const point = points[i] as PartitionPoint;
    if (point.committed !== latest.committed) break;
    since = point.time;
  }
  return since;
}

/** Burrow's WARN: lag never fell across the window and ended higher than it began. */
function isRising(points: readonly PartitionPoint[]): boolean {
  if (points.length < MIN_POINTS_FOR_TREND) return false;
  for (let i = 1; i < points.length; i += 1) {
    if ((points[i]?.lag ?? 0) < (points[i - 1]?.lag ?? 0)) return false;
  }
  return (points[points.length - 1]?.lag ?? 0) > (points[0]?.lag ?? 0);
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** Every partition of one group × topic series, oldest sample first. */
export function partitionSeries(samples: readonly LagSample[]): Map<number, PartitionPoint[]> {
  const series = new Map<number, PartitionPoint[]>();
  const sorted = [...samples].sort((a, b) => Date.parse(a.sampledAt) - Date.parse(b.sampledAt));
  for (const sample of sorted) {
    const time = Date.parse(sample.sampledAt);
    for (const p of sample.partitions) {
      const points = series.get(p.partition) ?? [];
      points.push({
        time,
        committed: p.committed,
        end: p.end,
        lag: p.lag,
        members: sample.members,
      });
      series.set(p.partition, points);
    }
  }
  return series;
}

/** The worst partition decides, and its sentence names the partition. */
export function evaluateTopic(
  samples: readonly LagSample[],
  windowMs: number,
): Verdict & { partitions: PartitionVerdict[] } {
  const partitions = [...partitionSeries(samples)]
    .filter(([partition]) => samples.at(-1)?.partitions.some((p) => p.partition === partition))
    .map(([partition, points]) => ({ partition, ...evaluatePartition(points, windowMs) }))
    .sort((a, b) => a.partition - b.partition);
  const worst = worstOf(partitions);
  if (!worst) {
    return { status: "OK", explanation: "The group has no committed offsets here.", partitions };
  }
  const others = partitions.filter((p) => p.status === worst.status).length - 1;
  const more = others > 0 ? ` (and ${others} more partition${others > 1 ? "s" : ""})` : "";
  return {
    status: worst.status,
    explanation:
      worst.status === "OK"
        ? worst.explanation
        : `Partition ${worst.partition}${more}: ${worst.explanation}`,
    partitions,
  };
}

export function worstOf<T extends { status: LagStatus }>(items: readonly T[]): T | undefined {
  let worst: T | undefined;
  for (const item of items) {
    if (!worst || compareStatus(item.status, worst.status) > 0) worst = item;
  }
  return worst;
}
