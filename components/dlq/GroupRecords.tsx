"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import type { BoardFilter } from "@/lib/dlq/board";
import { useGroupRecords } from "./queries";
import { ReplayDialog } from "./ReplayDialog";
import { TriageBar } from "./TriageBar";
import { TriageStateBadge } from "./TriageStateBadge";

/** The records of one failure group, each linked to its chain, selectable and replayable. */
export function GroupRecords({
  fingerprint,
  filter,
  canOperate,
}: {
  fingerprint: string;
  filter: BoardFilter;
  canOperate: boolean;
}) {
  const records = useGroupRecords(fingerprint, filter);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [replaying, setReplaying] = useState<{ id: string; originalTopic: string | null } | null>(
    null,
  );

  if (records.isPending) return <p className="p-2 text-sm text-slate-500">Loading records…</p>;
  if (records.error)
    return (
      <p role="alert" className="p-2 text-sm text-red-700">
        {records.error.message}
      </p>
    );

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div data-testid="group-records" className="space-y-2 p-2">
      {canOperate && selected.size > 0 && (
        <TriageBar
          items={[...selected].map((recordId) => ({ kind: "record" as const, recordId }))}
          onDone={() => setSelected(new Set())}
        />
      )}
      <table className="w-full text-left text-xs">
        <thead className="text-slate-500">
          <tr>
            <th className="w-6" />
            <th>Record</th>
            <th>Correlation id</th>
            <th>Dead-lettered</th>
            <th>State</th>
            <th>Replays</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {records.data.map((record) => (
            <tr
              key={record.id}
              data-testid="dlq-record"
              data-record-id={record.id}
              className="border-t border-slate-100 align-top"
            >
              <td>
                {canOperate && (
                  <input
                    type="checkbox"
                    aria-label={`select ${record.id}`}
                    checked={selected.has(record.id)}
                    onChange={() => toggle(record.id)}
                  />
                )}
              </td>
              <td className="font-mono">
                {record.id}
                <div className="text-slate-500">{record.errorMessage}</div>
              </td>
              <td className="font-mono">
                {record.correlationId ? (
                  <Link
                    className="text-sky-700 hover:underline"
                    href={`/chains/${encodeURIComponent(record.correlationId)}`}
                  >
                    {record.correlationId}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className="whitespace-nowrap">
                {record.timestamp.replace("T", " ").slice(0, 19)}
              </td>
              <td>
                <TriageStateBadge state={record.state} />
                {record.triage?.assignee && (
                  <div className="text-slate-500">@{record.triage.assignee}</div>
                )}
              </td>
              <td>
                {record.replays.map((replay) => (
                  <div key={replay.idempotencyKey} data-testid="record-replay">
                    {replay.status} → {replay.topic} by {replay.by}
                  </div>
                ))}
              </td>
              <td>
                {canOperate && (
                  <Button
                    data-testid="replay-button"
                    onClick={() =>
                      setReplaying({ id: record.id, originalTopic: record.originalTopic })
                    }
                  >
                    Replay…
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {replaying && (
        <ReplayDialog
          recordId={replaying.id}
          originalTopic={replaying.originalTopic}
          onClose={() => setReplaying(null)}
        />
      )}
    </div>
  );
}
