"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/Badge";
import { formatClock } from "@/components/ui/format";
import { useSearch } from "./queries";
import { useSearchInput } from "./search-params";
import { SearchForm } from "./SearchForm";

const matchLabel = {
  correlationId: "correlation id",
  eventId: "event id",
  key: "key",
  topic: "topic",
  payload: "payload",
} as const;

export function SearchResults() {
  const input = useSearchInput();
  const query = useSearch(input);

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <SearchForm key={input.q} initial={input} />
      {query.error && (
        <p role="alert" className="text-sm text-red-700">
          {query.error.message}
        </p>
      )}
      {query.data && (
        <section className="space-y-2" aria-label="Search results">
          <p className="text-sm text-slate-600" data-testid="search-freshness">
            {query.data.results.length === 0
              ? `No chain matches "${query.data.query}"`
              : `${query.data.results.length}${query.data.more ? "+" : ""} chains match "${query.data.query}"`}
            {" — "}
            {query.data.freshness.message}.
          </p>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {query.data.results.map((result) => (
              <li key={result.correlationId} data-testid="search-result">
                <Link
                  href={`/chains/${encodeURIComponent(result.correlationId)}`}
                  className="block space-y-1 px-4 py-3 hover:bg-slate-50"
                >
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-sm font-semibold text-sky-800">
                      {result.correlationId}
                    </span>
                    {result.matchedOn.map((match) => (
                      <Badge key={match}>{matchLabel[match]}</Badge>
                    ))}
                    {result.deadLettered > 0 && (
                      <Badge className="bg-red-600 text-white ring-red-700">DLQ</Badge>
                    )}
                    {result.lastAt && (
                      <span className="ml-auto text-xs text-slate-400">
                        last {formatClock(result.lastAt)} UTC
                      </span>
                    )}
                  </div>
                  <p className="text-sm text-slate-600" data-testid="search-summary">
                    {result.summary}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
