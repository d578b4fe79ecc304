import { z } from "zod";

/**
 * Triage of dead letters: a state per failure group and, where someone looked closer, per
 * record, with who changed what and when. Pure: storage lives in lib/elastic/triage.ts.
 */
export const TriageState = z.enum(["new", "investigating", "resolved", "replayed", "discarded"]);
export type TriageState = z.infer<typeof TriageState>;

/** Which states each state may move to; a closed item is reopened through new or investigating. */
export const TRANSITIONS: Record<TriageState, readonly TriageState[]> = {
  new: ["investigating", "resolved", "replayed", "discarded"],
  investigating: ["new", "resolved", "replayed", "discarded"],
  resolved: ["new", "investigating", "replayed"],
  replayed: ["new", "investigating", "resolved"],
  discarded: ["new", "investigating", "replayed"],
};

export const TriageTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("group"), fingerprint: z.string() }),
  z.object({
    kind: z.literal("record"),
    /** The dead letter's `Event.id` (topic:partition:offset). */
    recordId: z.string(),
    fingerprint: z.string(),
    correlationId: z.string().nullable(),
  }),
]);
export type TriageTarget = z.infer<typeof TriageTarget>;

export const TriageChange = z.object({
  at: z.string(),
  by: z.string(),
  state: z.object({ from: TriageState, to: TriageState }).optional(),
  assignee: z.object({ from: z.string().nullable(), to: z.string().nullable() }).optional(),
  note: z.string().optional(),
});
export type TriageChange = z.infer<typeof TriageChange>;

export const Triage = z.object({
  target: TriageTarget,
  state: TriageState,
  /** When the state last changed; records of a group dead-lettered after this are new again. */
  stateSince: z.string(),
  assignee: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  history: z.array(TriageChange),
});
export type Triage = z.infer<typeof Triage>;

/** What an operator asks to change; at least one field. */
export const TriageUpdate = z
  .object({
    state: TriageState.optional(),
    assignee: z.string().trim().max(100).nullable().optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .refine((u) => u.state !== undefined || u.assignee !== undefined || u.note !== undefined, {
    message: "give a state, an assignee or a note",
  });
export type TriageUpdate = z.infer<typeof TriageUpdate>;

export class TriageRejected extends Error {}

/** The triage after `update`, with the change appended to its history. */
export function applyTriageUpdate(
  current: Triage | null,
  target: TriageTarget,
  update: TriageUpdate,
  actor: string,
  now: Date,
): { triage: Triage; change: TriageChange } {
  const at = now.toISOString();
  const state = current?.state ?? "new";
  const assignee = current?.assignee ?? null;
  const change: TriageChange = { at, by: actor };
  if (update.state !== undefined && update.state !== state) {
    if (!TRANSITIONS[state].includes(update.state)) {
      throw new TriageRejected(
        `A ${state} item cannot become ${update.state}; it can become ${TRANSITIONS[state].join(", ")}.`,
      );
    }
    change.state = { from: state, to: update.state };
  }
  const nextAssignee = update.assignee === "" ? null : update.assignee;
  if (nextAssignee !== undefined && nextAssignee !== assignee) {
    change.assignee = { from: assignee, to: nextAssignee };
  }
  if (update.note !== undefined) change.note = update.note;
  if (!change.state && !change.assignee && change.note === undefined) {
    throw new TriageRejected(`Nothing to change: the item is already ${state}.`);
  }
  return {
    change,
    triage: {
      target,
      state: change.state?.to ?? state,
      stateSince: change.state ? at : (current?.stateSince ?? at),
      assignee: change.assignee ? change.assignee.to : assignee,
      updatedAt: at,
      updatedBy: actor,
      history: [...(current?.history ?? []), change],
    },
  };
}

/**
 * A record's state: its own triage if it has one; else its group's, as long as the record
 * failed before the group's state was set (or the group is being investigated); else new.
 */
export function effectiveRecordState(
  record: Pick<Triage, "state"> | null,
  group: Pick<Triage, "state" | "stateSince"> | null,
  deadLetteredAt: string,
): TriageState {
  if (record) return record.state;
  if (!group) return "new";
  if (group.state === "investigating") return group.state;
  return Date.parse(deadLetteredAt) <= Date.parse(group.stateSince) ? group.state : "new";
}
