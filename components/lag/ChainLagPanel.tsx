"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { formatClock } from "@/components/ui/format";
import type { LagAt } from "@/lib/lag/views";
import { formatCount, formatLagSeconds } from "./lag-status";
import { useChainShown } from "@/components/chain/queries";
import { useChainLag } from "./queries";

/**
 * For each topic of a chain, each group reading it: how far behind it was when the chain's
 * event landed there, and how far behind it is now. Self-contained, so the chain page only
 * mounts it.
 */
export function ChainLagPanel({ correlationId }: { correlationId: string }) {
  const query = useChainLag(correlationId, useChainShown(correlationId));
  if (!query.data) return null;
  const { topics } = query.data;
  return (
    <Card
      title="Consumer lag along this chain"
      actions={<span className="text-xs text-slate-400">on the event&apos;s partition</span>}
      className="mt-4"
    >
      <div data-testid="chain-lag">
        {topics.every((t) => t.groups.length === 0) ? (
          <p className="text-sm text-slate-500">
            No consumer group has been seen reading these topics.
          </p>
        ) : (
          <table className="w-full text-sm">
            <thead className="border-b border-slate-200 text-left text-xs text-slate-500">
              <tr>
                <th className="py-1 font-medium">Topic · event</th>
                <th className="py-1 font-medium">Group</th>
                <th className="py-1 text-right font-medium">Lag at the event</th>
                <th className="py-1 text-right font-medium">Lag now</th>
                <th className="py-1 pl-4 font-medium">This event</th>
              </tr>
            </thead>
            <tbody>
              {topics.flatMap((topic) =>
                topic.groups.map((g, i) => (
                  <tr
                    key={`${topic.topic}\u0000${g.group}`}
                    className="border-b border-slate-100"
                    data-testid="chain-lag-row"
                    data-topic={topic.topic}
                    data-group={g.group}
                  >
                    <td className="py-1 font-mono text-xs">
                      {i === 0 && (
                        <>
                          {topic.topic}[{topic.partition}]@{topic.offset}
                          <span className="ml-1 text-slate-400">{formatClock(topic.eventAt)}</span>
                        </>
                      )}
                    </td>
                    <td className="py-1 font-mono text-xs">
                      {/* One prefetch per group would be one server render each, on every load. */}
                      <Link
                        href={`/lag/${encodeURIComponent(g.group)}`}
                        prefetch={false}
                        className="text-sky-700 hover:underline"
                      >
                        {g.group}
                      </Link>
                      {g.internal && (
                        <span className="ml-1">
                          <Badge>internal</Badge>
                        </span>
                      )}
                    </td>
                    <td className="py-1 text-right tabular-nums">
                      <LagCell lag={g.atEvent} />
                    </td>
                    <td className="py-1 text-right tabular-nums">
                      <LagCell lag={g.now} />
                    </td>
                    <td className="py-1 pl-4 text-xs">
                      {g.consumed === null ? "—" : g.consumed ? "consumed" : "not read yet"}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}

function LagCell({ lag }: { lag: LagAt | null }) {
  if (!lag) return <span className="text-slate-400">not sampled</span>;
  return (
    <span title={`sampled ${lag.sampledAt}`}>
      {formatCount(lag.lag)} msgs · {formatLagSeconds(lag.lagSeconds)}
    </span>
  );
}
