import { describe, expect, it } from "vitest";
import { applyTriageUpdate, effectiveRecordState, TriageRejected, TriageUpdate } from "./triage";

const group = { kind: "group", fingerprint: "fp1" } as const;
const t0 = new Date("2026-01-01T10:00:00Z");
const t1 = new Date("2026-01-01T11:00:00Z");

describe("applyTriageUpdate", () => {
  it("starts an untouched group at new and records who moved it where", () => {
    const { triage, change } = applyTriageUpdate(
      null,
      group,
      { state: "investigating", assignee: "ana" },
      "bob",
      t0,
    );
    expect(triage).toMatchObject({
      state: "investigating",
      assignee: "ana",
      updatedBy: "bob",
      stateSince: t0.toISOString(),
    });
    expect(change).toEqual({
      at: t0.toISOString(),
      by: "bob",
      state: { from: "new", to: "investigating" },
      assignee: { from: null, to: "ana" },
    });
  });

  it("appends to the history and keeps stateSince when only a note is added", () => {
    const first = applyTriageUpdate(null, group, { state: "investigating" }, "bob", t0).triage;
    const { triage } = applyTriageUpdate(
      first,
      group,
      { note: "looks like the card gateway" },
      "ana",
      t1,
    );
    expect(triage.history.map((c) => c.by)).toEqual(["bob", "ana"]);
    expect(triage.history[1]).toEqual({
      at: t1.toISOString(),
      by: "ana",
      note: "looks like the card gateway",
    });
    expect(triage.stateSince).toBe(t0.toISOString());
    expect(triage.state).toBe("investigating");
  });

  it("refuses a move the workflow does not allow", () => {
    const resolved = applyTriageUpdate(null, group, { state: "resolved" }, "bob", t0).triage;
    expect(() => applyTriageUpdate(resolved, group, { state: "discarded" }, "bob", t1)).toThrow(
      TriageRejected,
    );
  });

  it("refuses an update that changes nothing", () => {
    expect(() => applyTriageUpdate(null, group, { state: "new" }, "bob", t0)).toThrow(
      /Nothing to change/,
    );
  });

  it("clears the assignee with an empty name", () => {
    const assigned = applyTriageUpdate(null, group, { assignee: "ana" }, "bob", t0).triage;
    expect(
      applyTriageUpdate(assigned, group, { assignee: "" }, "bob", t1).triage.assignee,
    ).toBeNull();
  });
});

describe("TriageUpdate", () => {
  it("rejects an empty update and unknown fields", () => {
    expect(TriageUpdate.safeParse({}).success).toBe(false);
    expect(TriageUpdate.safeParse({ state: "new", query: "*" }).success).toBe(false);
    expect(TriageUpdate.safeParse({ state: "fixed" }).success).toBe(false);
  });
});

describe("effectiveRecordState", () => {
  const resolvedAt10 = { state: "resolved", stateSince: t0.toISOString() } as const;

  it("is new without any triage", () => {
    expect(effectiveRecordState(null, null, t0.toISOString())).toBe("new");
  });

  it("follows the group for records that failed before the group was closed", () => {
    expect(effectiveRecordState(null, resolvedAt10, "2026-01-01T09:00:00Z")).toBe("resolved");
  });

  it("is new again for a record that failed after the group was closed", () => {
    expect(effectiveRecordState(null, resolvedAt10, "2026-01-01T10:30:00Z")).toBe("new");
  });

  it("covers every record of a group under investigation", () => {
    const investigating = { state: "investigating", stateSince: t0.toISOString() } as const;
    expect(effectiveRecordState(null, investigating, "2026-01-01T12:00:00Z")).toBe("investigating");
  });

  it("prefers the record's own state", () => {
    expect(effectiveRecordState({ state: "discarded" }, resolvedAt10, "2026-01-01T12:00:00Z")).toBe(
      "discarded",
    );
  });
});
