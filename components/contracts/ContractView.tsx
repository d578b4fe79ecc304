"use client";

import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { formatDateTime } from "@/components/ui/format";
import type { ContractVersion } from "@/lib/contracts/contract";
import { breakingBadge } from "./ContractsTable";
import { useContract } from "./queries";

function Fields({ version }: { version: ContractVersion }) {
  if (version.fields === null) {
    return <span className="text-slate-400">fields not stored yet</span>;
  }
  return (
    <details>
      <summary className="cursor-pointer text-slate-600">{version.fields.length} fields</summary>
      <ul className="mt-1 font-mono">
        {version.fields.map((field) => (
          <li key={`${field.path}:${field.type}`}>
            {field.path} <span className="text-slate-400">{field.type}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** One event type's contract: who produces and consumes it, its shapes, and how they drifted. */
export function ContractView({ eventType }: { eventType: string }) {
  const query = useContract(eventType);
  if (query.isPending) return <p className="text-sm text-slate-500">Loading the contract…</p>;
  if (!query.data) {
    return (
      <p className="text-sm text-red-700">Could not load the contract: {query.error?.message}</p>
    );
  }
  const contract = query.data;
  return (
    <div className="space-y-4">
      <h1 className="font-mono text-lg font-semibold text-slate-900">{contract.eventType}</h1>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Producers">
          <p className="text-sm" data-testid="contract-producers">
            {contract.producers.join(", ") || "No service named in the envelopes."}
          </p>
          <p className="mt-2 text-xs text-slate-500">
            On {contract.topics.join(", ")} · {contract.records} records ·{" "}
            {formatDateTime(contract.firstSeen)} – {formatDateTime(contract.lastSeen)} UTC
            {contract.schemaVersions.length > 0 &&
              ` · declared schema_version ${contract.schemaVersions.join(", ")}`}
          </p>
        </Card>
        <Card title="Consumers (would break on a change)">
          {contract.consumersError ? (
            <p className="text-sm text-red-700">{contract.consumersError}</p>
          ) : contract.consumers.length === 0 ? (
            <p className="text-sm text-slate-500">
              No consumer group has committed offsets on these topics.
            </p>
          ) : (
            <ul className="text-sm" data-testid="contract-consumers">
              {contract.consumers.map((consumer) => (
                <li key={consumer.group}>
                  <span className="font-mono">{consumer.group}</span>{" "}
                  <span className="text-xs text-slate-500">reads {consumer.topics.join(", ")}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {/* Only types whose values were decoded through a registry have versions to list. */}
      {(contract.subjects.length > 0 || contract.schemaMismatches > 0) && (
        <Card title="Registered schema versions">
          {contract.registryError ? (
            <p className="text-sm text-red-700">{contract.registryError}</p>
          ) : (
            <ul className="text-sm" data-testid="contract-registered">
              {(contract.registered ?? []).map((version) => (
                <li key={`${version.subject}:${version.version}`}>
                  <span className="font-mono">{version.subject}</span> v{version.version} · id{" "}
                  {version.id} · {version.schemaType}
                </li>
              ))}
            </ul>
          )}
          {contract.schemaMismatches > 0 && (
            <p className="mt-2 text-sm" data-testid="contract-mismatches">
              <Badge className={breakingBadge}>breaking</Badge> {contract.schemaMismatches} records
              did not decode with the registered schema their id names.
            </p>
          )}
        </Card>
      )}
      <Card title="Drift">
        {contract.drifts.length === 0 ? (
          <p className="text-sm text-slate-500">One shape so far: no drift.</p>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="contract-drifts">
            {contract.drifts.map((drift) => (
              <li key={drift.toShape}>
                {drift.breaking && <Badge className={breakingBadge}>breaking</Badge>}{" "}
                {drift.sentence}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Observed shapes">
        <div className="-m-4 overflow-x-auto">
          <table className="w-full text-sm" data-testid="contract-versions">
            <thead className="border-b border-slate-200 text-left text-xs text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Shape</th>
                <th className="px-4 py-2 font-medium">First seen (UTC)</th>
                <th className="px-4 py-2 font-medium">Last seen (UTC)</th>
                <th className="px-4 py-2 text-right font-medium">Records</th>
                <th className="px-4 py-2 font-medium">schema_version</th>
                <th className="px-4 py-2 font-medium">Schema ids</th>
                <th className="px-4 py-2 font-medium">Fields</th>
              </tr>
            </thead>
            <tbody>
              {contract.versions.map((version) => (
                <tr key={version.shapeId} className="border-b border-slate-100 align-top text-xs">
                  <td className="px-4 py-2 font-mono">{version.shapeId.slice(0, 8)}</td>
                  <td className="px-4 py-2">{formatDateTime(version.firstSeen)}</td>
                  <td className="px-4 py-2">{formatDateTime(version.lastSeen)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{version.records}</td>
                  <td className="px-4 py-2">{version.schemaVersions.join(", ") || "—"}</td>
                  <td className="px-4 py-2">{version.schemaIds.join(", ") || "—"}</td>
                  <td className="px-4 py-2">
                    <Fields version={version} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
