"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { formatDateTime } from "@/components/ui/format";
import { contractHref, useContracts } from "./queries";

export const breakingBadge = "bg-red-50 text-red-800 ring-red-600/30";

/** Every event type seen in traffic, most recently seen first. */
export function ContractsTable() {
  const query = useContracts();
  if (query.isPending) return <p className="text-sm text-slate-500">Loading contracts…</p>;
  if (!query.data) {
    return <p className="text-sm text-red-700">Could not load contracts: {query.error?.message}</p>;
  }
  const { contracts } = query.data;
  return (
    <Card title="Event contracts">
      {contracts.length === 0 ? (
        <p className="text-sm text-slate-500">No event types indexed yet.</p>
      ) : (
        <div className="-m-4 overflow-x-auto">
          <table className="w-full text-sm" data-testid="contracts-table">
            <thead className="border-b border-slate-200 text-left text-xs text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Event type</th>
                <th className="px-4 py-2 font-medium">Topics</th>
                <th className="px-4 py-2 font-medium">Producers</th>
                <th className="px-4 py-2 text-right font-medium">Shapes</th>
                <th className="px-4 py-2 text-right font-medium">Records</th>
                <th className="px-4 py-2 font-medium">Last seen (UTC)</th>
                <th className="px-4 py-2 font-medium">Latest drift</th>
              </tr>
            </thead>
            <tbody>
              {contracts.map((contract) => (
                <tr key={contract.eventType} className="border-b border-slate-100 align-top">
                  <td className="px-4 py-2 font-mono">
                    <Link
                      href={contractHref(contract.eventType)}
                      className="text-sky-700 hover:underline"
                    >
                      {contract.eventType}
                    </Link>
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{contract.topics.join(", ")}</td>
                  <td className="px-4 py-2 text-xs">{contract.producers.join(", ") || "—"}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{contract.shapeCount}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{contract.records}</td>
                  <td className="px-4 py-2 text-xs">{formatDateTime(contract.lastSeen)}</td>
                  <td className="px-4 py-2 text-xs">
                    {contract.breakingDrifts > 0 && (
                      <Badge className={breakingBadge}>{contract.breakingDrifts} breaking</Badge>
                    )}{" "}
                    {contract.schemaMismatches > 0 && (
                      <Badge className={breakingBadge}>
                        {contract.schemaMismatches} off-schema
                      </Badge>
                    )}{" "}
                    {contract.latestDrift ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
