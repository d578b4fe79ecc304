"use client";

import Link from "next/link";
import { parseAsString, useQueryStates } from "nuqs";
import type { FormEvent } from "react";
import type { ChainComparison } from "@/lib/chain/compare";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { formatDuration } from "@/components/ui/format";
import { useComparison } from "./queries";

const chainHref = (id: string) => `/chains/${encodeURIComponent(id)}`;
const differs = "bg-amber-50 font-semibold text-amber-900";
const compareParsers = { a: parseAsString.withDefault(""), b: parseAsString.withDefault("") };

export function CompareView() {
  const [{ a, b }, setChains] = useQueryStates(compareParsers, { history: "push" });
  const query = useComparison(a, b);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void setChains({
      a: String(form.get("a") ?? "").trim(),
      b: String(form.get("b") ?? "").trim(),
    });
  }

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Compare two chains</h1>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2" key={`${a}|${b}`}>
        {(["a", "b"] as const).map((side) => (
          <label key={side} className="min-w-72 flex-1 space-y-1 text-sm">
            <span className="block text-xs text-slate-500">
              Correlation id {side.toUpperCase()}
            </span>
            <input
              name={side}
              defaultValue={side === "a" ? a : b}
              data-testid={`compare-${side}`}
              className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
            />
          </label>
        ))}
        <Button type="submit">Compare</Button>
      </form>
      {query.error && (
        <p role="alert" className="text-sm text-red-700">
          {query.error.message}
        </p>
      )}
      {query.data && <Comparison comparison={query.data} />}
    </div>
  );
}

function Comparison({ comparison }: { comparison: ChainComparison }) {
  const { a, b, steps, services, hops, differences } = comparison;
  return (
    <div className="space-y-4">
      <Card title={`Differences (${differences.length})`}>
        {differences.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="no-differences">
            Same steps, services and hop times.
          </p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="differences">
            {differences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        {[
          { label: "A", side: a },
          { label: "B", side: b },
        ].map(({ label, side }) => (
          <Card key={label} title={`${label}: ${side.correlationId}`}>
            <dl className="grid grid-cols-2 gap-2 text-sm" data-testid={`compare-side-${label}`}>
              <dt className="text-slate-500">Events</dt>
              <dd>{side.eventCount}</dd>
              <dt className="text-slate-500">Duration</dt>
              <dd>{formatDuration(side.durationMs)}</dd>
              <dt className="text-slate-500">Dead-lettered</dt>
              <dd className={side.deadLettered > 0 ? "font-semibold text-red-700" : ""}>
                {side.deadLettered}
              </dd>
              <dt className="text-slate-500">Anomalies</dt>
              <dd>{side.anomalyKinds.length === 0 ? "none" : side.anomalyKinds.join(", ")}</dd>
            </dl>
            <Link
              href={chainHref(side.correlationId)}
              className="mt-3 inline-block text-sm text-sky-700 hover:underline"
            >
              Open chain {label}
            </Link>
          </Card>
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Steps">
          <table className="w-full text-sm" data-testid="compare-steps">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1">event type</th>
                <th className="py-1 text-right">A</th>
                <th className="py-1 text-right">B</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((step) => (
                <tr
                  key={step.eventType}
                  data-differs={step.a !== step.b}
                  className={`border-t border-slate-100 ${step.a !== step.b ? differs : ""}`}
                >
                  <td className="py-1">{step.eventType}</td>
                  <td className="py-1 text-right tabular-nums">{step.a}</td>
                  <td className="py-1 text-right tabular-nums">{step.b}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-3 text-xs text-slate-500">
            Services only in A: {services.onlyA.join(", ") || "none"} · only in B:{" "}
            {services.onlyB.join(", ") || "none"}
          </p>
        </Card>
        <Card title="Hop times">
          <table className="w-full text-sm" data-testid="compare-hops">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1">hop</th>
                <th className="py-1 text-right">A</th>
                <th className="py-1 text-right">B</th>
                <th className="py-1 text-right">B − A</th>
              </tr>
            </thead>
            <tbody>
              {hops.map((hop) => {
                const gap = hop.diffMs === null;
                return (
                  <tr
                    key={`${hop.from}->${hop.to}`}
                    className={`border-t border-slate-100 ${gap ? differs : ""}`}
                  >
                    <td className="py-1">
                      {hop.from} → {hop.to}
                    </td>
                    <td className="py-1 text-right tabular-nums">{ms(hop.aMs)}</td>
                    <td className="py-1 text-right tabular-nums">{ms(hop.bMs)}</td>
                    <td className="py-1 text-right tabular-nums">
                      {hop.diffMs === null
                        ? "—"
                        : `${hop.diffMs > 0 ? "+" : "−"}${formatDuration(Math.abs(hop.diffMs))}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      </div>
    </div>
  );
}

function ms(value: number | null): string {
  return value === null ? "—" : formatDuration(value);
}
