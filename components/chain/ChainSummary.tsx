import type { Chain } from "@/lib/chain/chain";
import { CopyButton } from "@/components/ui/CopyButton";
import { formatDuration } from "@/components/ui/format";
import { LIVE_POLL_MS } from "./queries";

/** Why the page keeps refreshing by itself. */
export type Liveness = { young: boolean; pending: boolean };

type ChainSummaryProps = {
  chain: Chain;
  live: Liveness | null;
  /** A refresh that failed while an earlier answer is still on screen. */
  refreshError: Error | null;
};

export function ChainSummary({ chain, live, refreshError }: ChainSummaryProps) {
  const { stats } = chain;
  return (
    <section className="space-y-3" aria-label="Chain summary">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-500">Correlation ID</span>
        <h1
          className="font-mono text-lg font-semibold break-all"
          data-testid="chain-correlation-id"
        >
          {chain.correlationId}
        </h1>
        <CopyButton value={chain.correlationId} />
        {live && (
          <span
            className="inline-flex items-center gap-1.5 text-xs text-emerald-700"
            data-testid="live-indicator"
            role="status"
          >
            <span className="size-2 animate-pulse rounded-full bg-emerald-500" aria-hidden />
            Live: refreshing every {LIVE_POLL_MS / 1_000} s because{" "}
            {[
              live.young ? "the chain is less than 2 minutes old" : null,
              live.pending ? "some deliveries are still pending" : null,
            ]
              .filter((reason) => reason !== null)
              .join(" and ")}
          </span>
        )}
      </div>
      <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <Stat label="Events" value={stats.eventCount} />
        <Stat
          label="Services"
          value={stats.services.length === 0 ? "—" : stats.services.join(", ")}
        />
        <Stat label="Duration" value={formatDuration(stats.durationMs)} />
        <Stat
          label="Dead-lettered"
          value={stats.deadLettered}
          className={stats.deadLettered > 0 ? "font-semibold text-red-700" : ""}
        />
      </dl>
      {chain.truncated && (
        <p className="text-xs text-amber-700" role="status">
          More records carry this id than one page shows; the chain below is cut.
        </p>
      )}
      {chain.causation.unknown && (
        <p className="text-xs text-amber-700" role="status" data-testid="causation-unknown">
          {chain.causation.unknown[0]?.toUpperCase()}
          {chain.causation.unknown.slice(1)}. The roots below are the records as they came, not what
          caused what.
        </p>
      )}
      {chain.causation.spanEdges > 0 && (
        <p className="text-xs text-slate-500" data-testid="causation-from-spans">
          {chain.causation.spanEdges} {chain.causation.spanEdges === 1 ? "link" : "links"} read from
          OpenTelemetry spans.
        </p>
      )}
      {refreshError && (
        <p className="text-xs text-amber-700" role="status">
          Could not refresh: {refreshError.message}. Showing the last answer.
        </p>
      )}
    </section>
  );
}

function Stat({
  label,
  value,
  className = "",
}: {
  label: string;
  value: string | number;
  className?: string;
}) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={className} data-testid={`stat-${label.toLowerCase()}`}>
        {value}
      </dd>
    </div>
  );
}
