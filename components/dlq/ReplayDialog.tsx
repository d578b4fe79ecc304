"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { prettyJson } from "@/lib/replay/diff";
import type { ReplayOptions } from "@/lib/replay/plan";
import { useReplayDryRun, useReplayMutation } from "./queries";
import { ReplayPlanView } from "./ReplayPlanView";

type Props = { recordId: string; originalTopic: string | null; onClose: () => void };

/**
 * Replay of one dead letter: a dry run shows exactly what will be produced; confirming sends the
 * dry run's generation, so repeated clicks or retries reuse one idempotency key.
 */
export function ReplayDialog({ recordId, originalTopic, onClose }: Props) {
  const [reason, setReason] = useState("");
  const [targetTopic, setTargetTopic] = useState(originalTopic ?? "");
  const [editing, setEditing] = useState(false);
  const [editedValue, setEditedValue] = useState("");
  const dryRun = useReplayDryRun();
  const replay = useReplayMutation();
  const { mutate: runDry } = dryRun;
  // A second click can land before the disabled button renders; only the first request counts,
  // so its answer is the one shown (the server would answer a repeat with the same outcome).
  const confirming = useRef(false);
  const confirm = () => {
    if (!dryRun.data || confirming.current) return;
    confirming.current = true;
    replay.mutate(
      { ...options, generation: dryRun.data.generation },
      {
        onSettled: () => {
          confirming.current = false;
        },
      },
    );
  };

  const options: ReplayOptions = {
    recordId,
    reason: reason.trim() || "(dry run)",
    ...(targetTopic && targetTopic !== originalTopic ? { targetTopic } : {}),
    ...(editing ? { editedValue } : {}),
  };

  // The first dry run shows the record as it would be replayed before anything is typed.
  useEffect(() => {
    runDry({ recordId, reason: "(dry run)" });
  }, [recordId, runDry]);

  const plan = dryRun.data?.plan;
  // Confirm produces exactly what the last dry run showed, so any change needs a new dry run.
  const dryRunIsCurrent =
    dryRun.data !== undefined && JSON.stringify(dryRun.variables) === JSON.stringify(options);
  const canConfirm = dryRunIsCurrent && reason.trim() !== "" && !dryRun.isPending;

  return (
    <div
      role="dialog"
      aria-label="Replay dead letter"
      data-testid="replay-dialog"
      className="fixed inset-0 z-50 flex items-start justify-center overflow-auto bg-slate-900/40 p-6"
    >
      <div className="w-full max-w-3xl space-y-4 rounded-lg bg-white p-5 shadow-xl">
        <header className="flex items-center justify-between">
          <h2 className="text-base font-semibold">Replay {recordId}</h2>
          <Button onClick={onClose}>Close</Button>
        </header>
        <label className="block text-sm">
          <span className="text-slate-600">
            Reason (recorded in the audit log and the replay&apos;s headers)
          </span>
          <input
            data-testid="replay-reason"
            className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
        </label>
        <label className="block text-sm">
          <span className="text-slate-600">Target topic</span>
          <input
            data-testid="replay-target"
            className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono"
            value={targetTopic}
            onChange={(e) => setTargetTopic(e.target.value)}
          />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            data-testid="replay-edit-toggle"
            checked={editing}
            onChange={(e) => {
              setEditing(e.target.checked);
              if (e.target.checked && plan?.value && plan.valueEncoding === "utf8")
                setEditedValue(prettyJson(plan.value));
            }}
          />
          Edit the value before replaying (must be JSON)
        </label>
        {editing && (
          <textarea
            data-testid="replay-value"
            className="h-48 w-full rounded border border-slate-300 p-2 font-mono text-xs"
            value={editedValue}
            onChange={(e) => setEditedValue(e.target.value)}
          />
        )}
        <div className="flex gap-2">
          <Button
            data-testid="replay-dry-run"
            onClick={() => dryRun.mutate(options)}
            disabled={dryRun.isPending}
          >
            Dry run
          </Button>
          <Button
            data-testid="replay-confirm"
            className="border-sky-700 bg-sky-700 text-white hover:bg-sky-800"
            disabled={!canConfirm || replay.isPending || replay.isSuccess}
            onClick={confirm}
          >
            Confirm replay
          </Button>
        </div>
        {dryRun.error && (
          <p role="alert" className="text-sm text-red-700">
            {dryRun.error.message}
          </p>
        )}
        {replay.error && (
          <p role="alert" className="text-sm text-red-700">
            {replay.error.message}
          </p>
        )}
        {replay.data && (
          <p
            data-testid="replay-result"
            className="rounded bg-emerald-50 p-2 text-sm text-emerald-900"
          >
            {replay.data.duplicate ? "Already replayed: " : "Replayed: "}
            produced to {replay.data.entry.topic}
            {replay.data.entry.produced
              ? ` [${replay.data.entry.produced.partition}] @ ${replay.data.entry.produced.offset}`
              : ""}{" "}
            by {replay.data.entry.by}.
          </p>
        )}
        {plan && <ReplayPlanView plan={plan} />}
      </div>
    </div>
  );
}
