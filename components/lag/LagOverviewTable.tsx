"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { formatClock } from "@/components/ui/format";
import type { LagRow } from "@/lib/lag/views";
import { formatCount, formatLagSeconds, lagStatusStyles, presenceLabels } from "./lag-status";
import { LagStatusBadge } from "./LagStatusBadge";
import { Sparkline } from "./Sparkline";
import { useLagOverview } from "./queries";

/** Every consumer group × topic, worst first, refreshed in place every few seconds. */
export function LagOverviewTable() {
  const query = useLagOverview();
  if (query.isPending) return <p className="text-sm text-slate-500">Loading lag…</p>;
  if (!query.data) {
    return <p className="text-sm text-red-700">Could not load lag: {query.error?.message}</p>;
  }
  const { rows, windowMs, generatedAt } = query.data;
  return (
    <Card
      title="Consumer lag"
      actions={
        <span className="text-xs text-slate-400">
          status judged over {Math.round(windowMs / 1000)} s · as of {formatClock(generatedAt)} UTC
          {query.error ? " · refresh failed, showing the last answer" : ""}
        </span>
      }
    >
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">
          No lag sampled yet: the collector samples every consumer group every few seconds.
        </p>
      ) : (
        <div className="-m-4 overflow-x-auto">
          <table className="w-full text-sm" data-testid="lag-table">
            <thead className="border-b border-slate-200 text-left text-xs text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-2 py-2 font-medium">Group</th>
                <th className="px-2 py-2 font-medium">Topic</th>
                <th className="px-2 py-2 text-right font-medium">Lag (messages)</th>
                <th className="px-2 py-2 text-right font-medium">Lag (time)</th>
                <th className="px-2 py-2 font-medium">Members · state</th>
                <th className="px-4 py-2 font-medium">Trend</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <LagTableRow key={`${row.group}\u0000${row.topic}`} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function LagTableRow({ row }: { row: LagRow }) {
  const presence = presenceLabels[row.presence];
  return (
    <tr
      className={`border-b border-slate-100 ${row.presence === "vanished" ? "text-slate-400" : ""}`}
      data-testid="lag-row"
      data-group={row.group}
      data-topic={row.topic}
    >
      <td className="px-4 py-2">
        <LagStatusBadge status={row.status} explanation={row.explanation} />
      </td>
      <td className="px-2 py-2 font-mono text-xs">
        <Link
          href={`/lag/${encodeURIComponent(row.group)}`}
          className="text-sky-700 hover:underline"
        >
          {row.group}
        </Link>
        {row.internal && (
          <span className="ml-2">
            <Badge>internal · Causeway collector</Badge>
          </span>
        )}
      </td>
      <td className="px-2 py-2 font-mono text-xs">{row.topic}</td>
      <td className="px-2 py-2 text-right tabular-nums" data-testid="lag-messages">
        {formatCount(row.totalLag)}
      </td>
      <td className="px-2 py-2 text-right tabular-nums" data-testid="lag-seconds">
        {formatLagSeconds(row.maxLagSeconds)}
      </td>
      <td className="px-2 py-2 text-xs">
        {row.members} · {row.state}
        {presence && (
          <span className="ml-2" data-testid="lag-presence">
            <Badge className="bg-slate-100 text-slate-600 ring-slate-400/40">{presence}</Badge>
          </span>
        )}
      </td>
      <td className="px-4 py-2">
        <Sparkline
          values={row.trend.map((p) => p.lag)}
          stroke={lagStatusStyles[row.status].stroke}
        />
      </td>
    </tr>
  );
}
