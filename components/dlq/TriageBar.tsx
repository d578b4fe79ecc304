"use client";

import { useState } from "react";
import { Button } from "@/components/ui/Button";
import type { TriageRequest } from "@/lib/dlq/api";
import { TriageState } from "@/lib/dlq/triage";
import { useTriageMutation } from "./queries";

type Props = { items: TriageRequest["items"]; onDone?: () => void };

/** Sets state, assignee or a note on every selected group or record at once. */
export function TriageBar({ items, onDone }: Props) {
  const [state, setState] = useState<TriageState | "">("");
  const [assignee, setAssignee] = useState("");
  const [note, setNote] = useState("");
  const triage = useTriageMutation();
  const update = {
    ...(state ? { state } : {}),
    ...(assignee.trim() ? { assignee: assignee.trim() } : {}),
    ...(note.trim() ? { note: note.trim() } : {}),
  };
  const empty = Object.keys(update).length === 0;

  return (
    <div
      data-testid="triage-bar"
      className="flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-slate-50 p-2 text-sm"
    >
      <span className="text-slate-600">{items.length} selected:</span>
      <select
        aria-label="Set state"
        data-testid="triage-state-select"
        className="rounded border border-slate-300 px-1 py-1"
        value={state}
        onChange={(e) => {
          const parsed = TriageState.safeParse(e.target.value);
          setState(parsed.success ? parsed.data : "");
        }}
      >
        <option value="">state…</option>
        {TriageState.options.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <input
        aria-label="Assignee"
        placeholder="assignee"
        className="w-32 rounded border border-slate-300 px-2 py-1"
        value={assignee}
        onChange={(e) => setAssignee(e.target.value)}
      />
      <input
        aria-label="Note"
        placeholder="note"
        className="w-64 rounded border border-slate-300 px-2 py-1"
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button
        data-testid="triage-apply"
        disabled={empty || items.length === 0 || triage.isPending}
        onClick={() =>
          triage.mutate(
            { items, update },
            {
              onSuccess: () => {
                setState("");
                setNote("");
                onDone?.();
              },
            },
          )
        }
      >
        Apply
      </Button>
      {triage.error && (
        <span role="alert" className="text-red-700">
          {triage.error.message}
        </span>
      )}
    </div>
  );
}
