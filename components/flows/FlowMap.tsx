"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { FlowEdge, FlowStats } from "@/lib/chain/flows";
import { layoutChain } from "@/lib/chain/layout";
import { Card } from "@/components/ui/Card";
import { formatClock, formatDateTime, formatDuration } from "@/components/ui/format";
import { contractHref, useContracts } from "@/components/contracts/queries";
import { useFlows } from "./queries";

const BOX = { width: 190, height: 44 };
const percent = (share: number) => `${Math.round(share * 100)}%`;
const edgeKey = (edge: FlowEdge) => `${edge.from}->${edge.to}`;

export function FlowMap() {
  const query = useFlows();
  if (query.error) {
    return (
      <p role="status" className="text-sm text-slate-600">
        {query.error.message}
      </p>
    );
  }
  if (!query.data) return <p className="text-sm text-slate-500">Loading the flow map…</p>;
  return <FlowMapView stats={query.data} />;
}

function FlowMapView({ stats }: { stats: FlowStats }) {
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  // The flow map draws without them; they only mark the types whose payload broke its shape.
  const contracts = useContracts();
  const breaking = useMemo(
    () =>
      new Map(
        (contracts.data?.contracts ?? []).map(({ eventType, breakingDrifts }) => [
          eventType,
          breakingDrifts,
        ]),
      ),
    [contracts.data],
  );
  const layout = useMemo(() => {
    const positions = layoutChain(
      stats.nodes.map(({ eventType }) => ({ id: eventType })),
      stats.edges.map(({ from, to }) => ({ from, to })),
      { nodeSize: BOX, nodeGap: 24, rankGap: 72 },
    );
    const at = new Map(positions.map(({ id, x, y }) => [id, { x, y }]));
    const width = Math.max(BOX.width, ...positions.map(({ x }) => x + BOX.width)) + 24;
    const height = Math.max(BOX.height, ...positions.map(({ y }) => y + BOX.height)) + 24;
    return { at, width, height };
  }, [stats]);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Flow map</h1>
        <p className="text-sm text-slate-600">
          Learned from {stats.chainCount.toLocaleString("en-US")} chains and{" "}
          {stats.eventCount.toLocaleString("en-US")} events between{" "}
          {formatDateTime(stats.windowStart)} and {formatDateTime(stats.windowEnd)} UTC; computed{" "}
          {formatClock(stats.computedAt)} UTC. Click an edge for example chains.
        </p>
      </div>
      <Card title="Event types">
        <div className="overflow-auto">
          <svg
            width={layout.width}
            height={layout.height}
            role="img"
            aria-label="Event-type graph"
            data-testid="flow-graph"
          >
            <defs>
              <marker
                id="flow-arrow"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="10"
                markerHeight="10"
                markerUnits="userSpaceOnUse"
                orient="auto"
              >
                <path d="M0,0 L10,5 L0,10 z" fill="#64748b" />
              </marker>
            </defs>
            {stats.edges.map((edge) => {
              const from = layout.at.get(edge.from);
              const to = layout.at.get(edge.to);
              if (!from || !to) return null;
              const x1 = from.x + BOX.width / 2;
              const y1 = from.y + BOX.height;
              const x2 = to.x + BOX.width / 2;
              const y2 = to.y;
              const failing = edge.failureShare > 0;
              const key = edgeKey(edge);
              return (
                <g
                  key={key}
                  data-testid="flow-edge"
                  data-from={edge.from}
                  data-to={edge.to}
                  className="cursor-pointer"
                  onClick={() => setSelectedKey(key)}
                >
                  <path
                    d={`M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2}`}
                    fill="none"
                    stroke={key === selectedKey ? "#0284c7" : failing ? "#dc2626" : "#94a3b8"}
                    strokeWidth={Math.min(6, 1 + Math.log2(1 + edge.chains))}
                    markerEnd="url(#flow-arrow)"
                  />
                  <text
                    x={(x1 + x2) / 2 + 6}
                    y={(y1 + y2) / 2}
                    className="fill-slate-600 text-[10px]"
                  >
                    {edge.chains} · p50 {formatDuration(edge.p50Ms)}
                    {failing ? ` · ${percent(edge.failureShare)} fail` : ""}
                  </text>
                </g>
              );
            })}
            {stats.nodes.map((node) => {
              const at = layout.at.get(node.eventType);
              if (!at) return null;
              const drifts = breaking.get(node.eventType) ?? 0;
              return (
                <a key={node.eventType} href={contractHref(node.eventType)}>
                  <g
                    transform={`translate(${at.x},${at.y})`}
                    data-testid="flow-node"
                    data-breaking-drifts={drifts}
                  >
                    <title>
                      {drifts > 0
                        ? `${node.eventType}: ${drifts} breaking drift${drifts === 1 ? "" : "s"}; open its contract`
                        : `${node.eventType}: open its contract`}
                    </title>
                    <rect
                      width={BOX.width}
                      height={BOX.height}
                      rx={6}
                      className={
                        drifts > 0 ? "fill-red-50 stroke-red-500" : "fill-white stroke-slate-300"
                      }
                    />
                    <text x={10} y={18} className="fill-slate-900 text-[12px] font-semibold">
                      {node.eventType}
                    </text>
                    <text x={10} y={34} className="fill-slate-500 text-[10px]">
                      {node.chains} chains · {node.events} events
                      {drifts > 0 ? ` · ${drifts} breaking` : ""}
                    </text>
                  </g>
                </a>
              );
            })}
          </svg>
        </div>
      </Card>
      <Card title="Edges">
        <table className="w-full text-sm" data-testid="flow-edges">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1">hop</th>
              <th className="py-1 text-right">chains</th>
              <th className="py-1 text-right">follows</th>
              <th className="py-1 text-right">p50</th>
              <th className="py-1 text-right">p95</th>
              <th className="py-1 text-right">failed</th>
              <th className="py-1 pl-4">example chains</th>
            </tr>
          </thead>
          <tbody>
            {stats.edges.map((edge) => (
              <tr
                key={edgeKey(edge)}
                data-testid="flow-edge-row"
                data-from={edge.from}
                data-to={edge.to}
                className={`border-t border-slate-100 ${edgeKey(edge) === selectedKey ? "bg-sky-50" : ""}`}
              >
                <td className="py-1">
                  {edge.from} → {edge.to}
                </td>
                <td className="py-1 text-right tabular-nums">{edge.chains}</td>
                <td className="py-1 text-right tabular-nums">{percent(edge.followShare)}</td>
                <td className="py-1 text-right tabular-nums">{formatDuration(edge.p50Ms)}</td>
                <td className="py-1 text-right tabular-nums">{formatDuration(edge.p95Ms)}</td>
                <td
                  className={`py-1 text-right tabular-nums ${edge.failureShare > 0 ? "text-red-700" : ""}`}
                >
                  {percent(edge.failureShare)}
                </td>
                <td className="space-x-2 py-1 pl-4">
                  {edge.examples.slice(0, 3).map((correlationId) => (
                    <Link
                      key={correlationId}
                      href={`/chains/${encodeURIComponent(correlationId)}`}
                      data-testid="flow-example"
                      className="font-mono text-xs text-sky-700 hover:underline"
                    >
                      {correlationId.length > 18 ? `${correlationId.slice(0, 16)}…` : correlationId}
                    </Link>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
