import { z } from "zod";

/** Burrow's vocabulary for a consumer's health, worst last. */
export const LagStatus = z.enum(["OK", "WARN", "STALL", "REWIND", "STOP", "ERR"]);
export type LagStatus = z.infer<typeof LagStatus>;

const severity: Record<LagStatus, number> = {
  OK: 0,
  WARN: 1,
  STALL: 2,
  REWIND: 3,
  STOP: 4,
  ERR: 5,
};

export function worseStatus(a: LagStatus, b: LagStatus): LagStatus {
  return severity[b] > severity[a] ? b : a;
}

export function compareStatus(a: LagStatus, b: LagStatus): number {
  return severity[a] - severity[b];
}

export const Verdict = z.object({ status: LagStatus, explanation: z.string() });
export type Verdict = z.infer<typeof Verdict>;
