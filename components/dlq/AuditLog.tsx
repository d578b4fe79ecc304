"use client";

import Link from "next/link";
import { Card } from "@/components/ui/Card";
import type { AuditEntry } from "@/lib/dlq/audit";
import { useAudit } from "./queries";

/** Every replay and triage change, newest first. */
export function AuditLog() {
  const audit = useAudit();
  return (
    <Card title="Audit log">
      {audit.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {audit.error && (
        <p role="alert" className="text-sm text-red-700">
          {audit.error.message}
        </p>
      )}
      {audit.data && audit.data.length === 0 && (
        <p className="text-sm text-slate-500">Nothing replayed or triaged yet.</p>
      )}
      {audit.data && audit.data.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.map((entry, index) => (
              <tr
                key={index}
                data-testid="audit-entry"
                data-kind={entry.kind}
                className="border-t border-slate-100 align-top"
              >
                <td className="text-xs whitespace-nowrap">
                  {entry.at.replace("T", " ").slice(0, 19)}
                </td>
                <td>{entry.by}</td>
                <td>
                  <Describe entry={entry} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function Describe({ entry }: { entry: AuditEntry }) {
  if (entry.kind === "replay") {
    return (
      <span>
        Replay of <span className="font-mono">{entry.recordId}</span> to{" "}
        <span className="font-mono">{entry.topic}</span>
        {entry.edited && " (edited value)"}:{" "}
        <strong className={entry.status === "failed" ? "text-red-700" : ""}>{entry.status}</strong>
        {entry.produced && ` at [${entry.produced.partition}] @ ${entry.produced.offset}`}
        {entry.error && <span className="text-red-700"> — {entry.error}</span>} · “{entry.reason}”
        {entry.correlationId && (
          <>
            {" · "}
            <Link
              className="text-sky-700 hover:underline"
              href={`/chains/${encodeURIComponent(entry.correlationId)}`}
            >
              chain
            </Link>
          </>
        )}
      </span>
    );
  }
  const { target, change } = entry;
  return (
    <span>
      {target.kind === "group" ? (
        `Group ${target.fingerprint}`
      ) : (
        <span className="font-mono">{target.recordId}</span>
      )}
      {change.state && `: ${change.state.from} → ${change.state.to}`}
      {change.assignee && `; assigned to ${change.assignee.to ?? "nobody"}`}
      {change.note && `; note “${change.note}”`}
    </span>
  );
}
