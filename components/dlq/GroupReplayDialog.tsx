"use client";

import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { type GroupReplayResult, useGroupReplayDryRun, useGroupReplayMutation } from "./queries";

type Props = { fingerprint: string; title: string; onClose: () => void };

/** Replays every new or investigated record of a group after a fix, showing per-record results. */
export function GroupReplayDialog({ fingerprint, title, onClose }: Props) {
  const [reason, setReason] = useState("");
  const [targetTopic, setTargetTopic] = useState("");
  const dryRun = useGroupReplayDryRun(fingerprint);
  const replay = useGroupReplayMutation(fingerprint);
  const request = {
    reason: reason.trim(),
    ...(targetTopic.trim() ? { targetTopic: targetTopic.trim() } : {}),
  };
  const planned = (dryRun.data?.results ?? []).flatMap((r) =>
    r.status === "planned" && r.generation !== null
      ? [{ recordId: r.recordId, generation: r.generation }]
      : [],
  );
  const current =
    dryRun.data !== undefined && JSON.stringify(dryRun.variables) === JSON.stringify(request);

  return (
    <div
      role="dialog"
      aria-label="Replay group"
      className="fixed inset-0 z-50 flex items-start justify-center overflow-auto bg-slate-900/40 p-6"
    >
      <div className="w-full max-w-3xl space-y-4 rounded-lg bg-white p-5 shadow-xl">
        <header className="flex items-center justify-between">
          <h2 className="text-base font-semibold">Replay group: {title}</h2>
          <Button onClick={onClose}>Close</Button>
        </header>
        <input
          aria-label="Reason"
          placeholder="reason (required)"
          className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <input
          aria-label="Target topic"
          placeholder="target topic (default: each record's original topic)"
          className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm"
          value={targetTopic}
          onChange={(e) => setTargetTopic(e.target.value)}
        />
        <div className="flex gap-2">
          <Button
            disabled={!reason.trim() || dryRun.isPending}
            onClick={() => dryRun.mutate(request)}
          >
            Dry run
          </Button>
          <Button
            className="border-sky-700 bg-sky-700 text-white hover:bg-sky-800"
            disabled={!current || planned.length === 0 || replay.isPending || replay.isSuccess}
            onClick={() => replay.mutate({ ...request, records: planned })}
          >
            Replay {planned.length} record(s)
          </Button>
        </div>
        {(dryRun.error ?? replay.error) && (
          <p role="alert" className="text-sm text-red-700">
            {(dryRun.error ?? replay.error)?.message}
          </p>
        )}
        <Results results={replay.data?.results ?? dryRun.data?.results ?? []} />
      </div>
    </div>
  );
}

function Results({ results }: { results: GroupReplayResult[] }) {
  if (results.length === 0) return null;
  return (
    <table className="w-full text-left text-xs">
      <tbody>
        {results.map((r) => (
          <tr key={r.recordId} className="border-t border-slate-100 align-top">
            <td className="font-mono">{r.recordId}</td>
            <td className={r.status === "failed" || r.status === "conflict" ? "text-red-700" : ""}>
              {r.status}
            </td>
            <td>
              {r.message}
              {r.warnings.map((w) => (
                <div key={w} className="text-amber-800">
                  ⚠ {w}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
