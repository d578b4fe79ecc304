"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { formatClock } from "@/components/ui/format";
import { RANGE_PRESETS, type RangePreset } from "@/lib/lag/params";
import type { GroupTopicDetail, WaitingChain } from "@/lib/lag/views";
import { formatCount, formatLagSeconds, presenceLabels } from "./lag-status";
import { LagChart, type LagMetric } from "./LagChart";
import { LagStatusBadge } from "./LagStatusBadge";
import { useLagGroup } from "./queries";

/** One consumer group: per-partition lag over a chosen range, and what still waits on it. */
export function GroupLagView({ group, range }: { group: string; range: RangePreset }) {
  const query = useLagGroup(group, range);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="font-mono text-lg font-semibold text-slate-900">{group}</h1>
        <nav className="flex gap-1" aria-label="time range">
          {(Object.keys(RANGE_PRESETS) as RangePreset[]).map((preset) => (
            <Link
              key={preset}
              href={`/lag/${encodeURIComponent(group)}?range=${preset}`}
              aria-current={preset === range ? "page" : undefined}
              className={`rounded border px-2 py-1 text-xs ${preset === range ? "border-sky-600 bg-sky-50 text-sky-800" : "border-slate-300 text-slate-600 hover:bg-slate-50"}`}
            >
              {preset}
            </Link>
          ))}
        </nav>
      </div>
      {query.isPending && <p className="text-sm text-slate-500">Loading lag…</p>}
      {!query.data && query.error && (
        <p className="text-sm text-red-700" role="alert">
          {query.error.message}
        </p>
      )}
      {query.data && (
        <>
          {query.data.topics.map((topic) => (
            <TopicLag key={topic.topic} topic={topic} />
          ))}
          <WaitingChains chains={query.data.waiting} />
        </>
      )}
    </div>
  );
}

function TopicLag({ topic }: { topic: GroupTopicDetail }) {
  const [metric, setMetric] = useState<LagMetric>("lag");
  // Memoized: the chart re-shapes its data only when the partitions change, not on every render.
  const problems = useMemo(
    () => new Set(topic.partitions.filter((p) => p.status !== "OK").map((p) => p.partition)),
    [topic.partitions],
  );
  const presence = presenceLabels[topic.presence];
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          <LagStatusBadge status={topic.status} explanation={topic.explanation} />
          <span className="font-mono">{topic.topic}</span>
          {topic.internal && <Badge>internal · Causeway collector</Badge>}
          {presence && <Badge>{presence}</Badge>}
        </span>
      }
      actions={
        <span className="flex items-center gap-2 text-xs text-slate-500">
          {topic.members} members · {topic.state} · sampled {formatClock(topic.sampledAt)} UTC
          <span className="ml-2 inline-flex overflow-hidden rounded border border-slate-300">
            {(["lag", "lagSeconds"] as const).map((m) => (
              <button
                key={m}
                type="button"
                onClick={() => setMetric(m)}
                aria-pressed={metric === m}
                className={`px-2 py-0.5 ${metric === m ? "bg-slate-800 text-white" : "bg-white"}`}
              >
                {m === "lag" ? "messages" : "seconds"}
              </button>
            ))}
          </span>
        </span>
      }
    >
      <p className="mb-2 text-sm text-slate-600" data-testid="topic-explanation">
        {topic.explanation}
      </p>
      <LagChart history={topic.history} metric={metric} problems={problems} />
      <table className="mt-4 w-full text-sm" data-testid="partition-table">
        <thead className="border-b border-slate-200 text-left text-xs text-slate-500">
          <tr>
            <th className="py-1 font-medium">Partition</th>
            <th className="py-1 text-right font-medium">Committed</th>
            <th className="py-1 text-right font-medium">End</th>
            <th className="py-1 text-right font-medium">Lag</th>
            <th className="py-1 text-right font-medium">Lag (time)</th>
            <th className="py-1 pl-4 font-medium">Status</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {topic.partitions.map((p) => (
            <tr
              key={p.partition}
              className={`border-b border-slate-100 ${p.status !== "OK" ? "bg-red-50/60" : ""}`}
              data-testid="partition-row"
              data-partition={p.partition}
              data-problem={p.status !== "OK"}
            >
              <td className="py-1">{p.partition}</td>
              <td className="py-1 text-right">{formatCount(p.committed)}</td>
              <td className="py-1 text-right">{formatCount(p.end)}</td>
              <td className="py-1 text-right">{formatCount(p.lag)}</td>
              <td className="py-1 text-right">{formatLagSeconds(p.lagSeconds)}</td>
              <td className="py-1 pl-4">
                <LagStatusBadge status={p.status} explanation={p.explanation} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function WaitingChains({ chains }: { chains: readonly WaitingChain[] }) {
  return (
    <Card title="Chains waiting on this group">
      {chains.length === 0 ? (
        <p className="text-sm text-slate-500">
          No indexed chain has an event this group has not read.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="waiting-chains">
          {chains.map((chain) => (
            <li key={chain.correlationId} className="flex items-center gap-3 py-1.5">
              <Link
                href={`/chains/${encodeURIComponent(chain.correlationId)}`}
                className="font-mono text-xs text-sky-700 hover:underline"
              >
                {chain.correlationId}
              </Link>
              <span className="text-xs text-slate-500">
                {chain.eventType ?? "untyped"} on {chain.topic}[{chain.partition}]@{chain.offset} ·{" "}
                {formatClock(chain.timestamp)} UTC
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
