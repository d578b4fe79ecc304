"use client";

import { usePathname, useRouter } from "next/navigation";
import { Fragment, useState } from "react";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { ErrorClass } from "@/components/ui/ErrorClass";
import type { BoardFilter, DeadLetterGroup } from "@/lib/dlq/board";
import { describeConnectFailure } from "@/lib/dlq/failure";
import { TriageState } from "@/lib/dlq/triage";
import { GroupRecords } from "./GroupRecords";
import { GroupReplayDialog } from "./GroupReplayDialog";
import { filterQuery, useBoard } from "./queries";
import { TriageBar } from "./TriageBar";
import { TriageStateBadge } from "./TriageStateBadge";
import { Trend } from "./Trend";

/**
 * The DLQ board: failure groups with their triage, filters kept in the URL, bulk triage.
 * Viewers see the same board without triage and replay controls (the API refuses them anyway).
 */
export function DlqBoard({ filter, canOperate }: { filter: BoardFilter; canOperate: boolean }) {
  const board = useBoard(filter);
  const router = useRouter();
  const pathname = usePathname();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [replayGroup, setReplayGroup] = useState<{ fingerprint: string; title: string } | null>(
    null,
  );

  const setFilter = (next: BoardFilter) => router.replace(`${pathname}${filterQuery(next)}`);
  const toggle = (fingerprint: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(fingerprint)) next.delete(fingerprint);
      else next.add(fingerprint);
      return next;
    });

  return (
    <div className="space-y-4">
      <Filters
        filter={filter}
        topics={board.data?.topics.map((t) => t.topic) ?? []}
        onChange={setFilter}
      />
      {canOperate && selected.size > 0 && (
        <TriageBar
          items={[...selected].map((fingerprint) => ({ kind: "group" as const, fingerprint }))}
          onDone={() => setSelected(new Set())}
        />
      )}
      <Card title={`Failure groups${board.data ? ` (${board.data.groups.length})` : ""}`}>
        {board.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {board.error && (
          <p role="alert" className="text-sm text-red-700">
            {board.error.message}
          </p>
        )}
        {board.data && board.data.groups.length === 0 && (
          <p className="text-sm text-slate-500">No dead letters match.</p>
        )}
        {board.data && board.data.groups.length > 0 && (
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="w-6" />
                <th>Failure</th>
                <th>DLQ / original topic / group</th>
                <th>Count</th>
                <th>First / last seen</th>
                <th>Trend</th>
                <th>State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {board.data.groups.map((group) => (
                <Fragment key={group.fingerprint}>
                  <tr
                    data-testid="dlq-group"
                    data-fingerprint={group.fingerprint}
                    data-error-class={group.errorClass ?? ""}
                    className="border-t border-slate-100 align-top"
                  >
                    <td>
                      {canOperate && (
                        <input
                          type="checkbox"
                          aria-label={`select group ${group.message}`}
                          checked={selected.has(group.fingerprint)}
                          onChange={() => toggle(group.fingerprint)}
                        />
                      )}
                    </td>
                    <td className="max-w-md">
                      <div className="text-xs text-slate-500">
                        <ErrorClass
                          errorClass={group.errorClass}
                          wrapperClass={group.wrapperClass}
                        />
                      </div>
                      <div className="break-words">{group.message || "(no message)"}</div>
                      {connectFailure(group)}
                    </td>
                    <td className="font-mono text-xs">
                      <div>{group.dlqTopic}</div>
                      <div className="text-slate-500">
                        from {group.originalTopics.join(", ") || "?"}
                      </div>
                      <div className="text-slate-500">{group.consumerGroups.join(", ")}</div>
                    </td>
                    <td data-testid="group-count">
                      {group.count}
                      {group.newCount > 0 && (
                        <div className="text-xs text-red-700">{group.newCount} new</div>
                      )}
                    </td>
                    <td className="text-xs whitespace-nowrap">
                      <div>{group.firstSeen.replace("T", " ").slice(0, 19)}</div>
                      <div>{group.lastSeen.replace("T", " ").slice(0, 19)}</div>
                    </td>
                    <td>
                      <Trend counts={group.trend} window={board.data.window} />
                    </td>
                    <td>
                      <TriageStateBadge state={group.state} />
                      {group.triage?.assignee && (
                        <div className="text-xs text-slate-500">@{group.triage.assignee}</div>
                      )}
                    </td>
                    <td className="space-y-1 text-right">
                      <Button
                        data-testid="group-toggle"
                        onClick={() =>
                          setOpen(open === group.fingerprint ? null : group.fingerprint)
                        }
                      >
                        {open === group.fingerprint ? "Hide records" : "Records"}
                      </Button>
                      {canOperate && (
                        <Button
                          data-testid="group-replay-button"
                          onClick={() =>
                            setReplayGroup({ fingerprint: group.fingerprint, title: group.message })
                          }
                        >
                          Replay group…
                        </Button>
                      )}
                    </td>
                  </tr>
                  {open === group.fingerprint && (
                    <tr>
                      <td colSpan={8} className="bg-slate-50/60">
                        <GroupRecords
                          fingerprint={group.fingerprint}
                          filter={filter}
                          canOperate={canOperate}
                        />
                        {group.triage && <History history={group.triage.history} />}
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {replayGroup && <GroupReplayDialog {...replayGroup} onClose={() => setReplayGroup(null)} />}
    </div>
  );
}

function History({
  history,
}: {
  history: {
    at: string;
    by: string;
    state?: { from: string; to: string };
    assignee?: { to: string | null };
    note?: string;
  }[];
}) {
  return (
    <ol className="space-y-0.5 p-2 text-xs text-slate-600">
      {history.map((change, index) => (
        <li key={index}>
          {change.at.replace("T", " ").slice(0, 19)} {change.by}
          {change.state && ` ${change.state.from} → ${change.state.to}`}
          {change.assignee && ` assigned ${change.assignee.to ?? "nobody"}`}
          {change.note && `: “${change.note}”`}
        </li>
      ))}
    </ol>
  );
}

function Filters({
  filter,
  topics,
  onChange,
}: {
  filter: BoardFilter;
  topics: string[];
  onChange: (f: BoardFilter) => void;
}) {
  const [error, setError] = useState(filter.error ?? "");
  const set = (patch: Partial<BoardFilter>) => onChange({ ...filter, ...patch });
  const localTime = (iso: string | undefined) => (iso ? iso.slice(0, 16) : "");
  const toIso = (value: string) => (value ? new Date(`${value}Z`).toISOString() : undefined);
  return (
    <form
      className="flex flex-wrap items-end gap-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        set({ error: error.trim() || undefined });
      }}
    >
      <label className="flex flex-col">
        <span className="text-xs text-slate-500">Topic</span>
        <select
          aria-label="Topic"
          className="rounded border border-slate-300 px-1 py-1"
          value={filter.topic ?? ""}
          onChange={(e) => set({ topic: e.target.value || undefined })}
        >
          <option value="">all DLQ topics</option>
          {topics.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span className="text-xs text-slate-500">State</span>
        <select
          aria-label="State"
          className="rounded border border-slate-300 px-1 py-1"
          value={filter.state ?? ""}
          onChange={(e) => {
            const parsed = TriageState.safeParse(e.target.value);
            set({ state: parsed.success ? parsed.data : undefined });
          }}
        >
          <option value="">any state</option>
          {TriageState.options.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span className="text-xs text-slate-500">Error contains</span>
        <input
          aria-label="Error contains"
          className="rounded border border-slate-300 px-2 py-1"
          value={error}
          onChange={(e) => setError(e.target.value)}
        />
      </label>
      <label className="flex flex-col">
        <span className="text-xs text-slate-500">From (UTC)</span>
        <input
          type="datetime-local"
          aria-label="From"
          className="rounded border border-slate-300 px-1 py-0.5"
          value={localTime(filter.from)}
          onChange={(e) => set({ from: toIso(e.target.value) })}
        />
      </label>
      <label className="flex flex-col">
        <span className="text-xs text-slate-500">To (UTC)</span>
        <input
          type="datetime-local"
          aria-label="To"
          className="rounded border border-slate-300 px-1 py-0.5"
          value={localTime(filter.to)}
          onChange={(e) => set({ to: toIso(e.target.value) })}
        />
      </label>
      <Button type="submit">Filter</Button>
    </form>
  );
}

function connectFailure(group: DeadLetterGroup) {
  const failed = describeConnectFailure(group);
  if (failed === null) return null;
  return (
    <div className="text-xs text-slate-500" data-testid="connect-failure">
      <div>{failed}</div>
      {group.stageClass !== null && <div className="font-mono">{group.stageClass}</div>}
    </div>
  );
}
