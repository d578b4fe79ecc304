"use client";

import { useState } from "react";
import type { Anomaly, AnomalyKind } from "@/lib/chain/chain";
import type { EventSummary } from "@/lib/events/event";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { statusStyles } from "@/components/ui/status";

const warning = "bg-orange-50 text-orange-800 ring-orange-600/30";

const kindStyle: Record<AnomalyKind, { label: string; badge: string }> = {
  dlq: { label: "DLQ", badge: statusStyles["dead-lettered"].badge },
  retry: { label: "Retry", badge: statusStyles.retried.badge },
  orphan: { label: "Orphan", badge: statusStyles.missing.badge },
  "missing-step": { label: "Missing step", badge: statusStyles.missing.badge },
  duplicate: { label: "Duplicate", badge: warning },
  "out-of-order": { label: "Out of order", badge: warning },
  "slow-hop": { label: "Slow hop", badge: warning },
};

/** Each anomaly's events are listed by name after its sentence, up to this many. */
const MAX_EVENT_LINKS = 6;
/** A long list would push the graph off screen; the rest is one click away. */
const FIRST_ANOMALIES = 5;

type AnomalyListProps = {
  anomalies: readonly Anomaly[];
  events: readonly EventSummary[];
  learnedFrom: string | null;
  /** Flags every event an anomaly concerns and selects the first. */
  onSelectEvents: (ids: readonly string[]) => void;
  onSelectEvent: (id: string) => void;
};

export function AnomalyList({
  anomalies,
  events,
  learnedFrom,
  onSelectEvents,
  onSelectEvent,
}: AnomalyListProps) {
  const [showAll, setShowAll] = useState(false);
  const byId = new Map(events.map((event) => [event.id, event]));
  const shown = showAll ? anomalies : anomalies.slice(0, FIRST_ANOMALIES);
  const learning =
    learnedFrom === null
      ? "Slow hops and missing steps are judged once enough chains are indexed to learn from."
      : `Slow hops and missing steps judged against ${learnedFrom}.`;
  if (anomalies.length === 0) {
    return (
      <p className="px-1 text-sm text-slate-500" data-testid="no-anomalies">
        No anomalies. {learning}
      </p>
    );
  }
  return (
    <Card
      title={`Anomalies (${anomalies.length})`}
      actions={<span className="text-xs text-slate-400">{learning}</span>}
    >
      <ul className="-my-1 space-y-1" aria-label="Anomalies">
        {shown.map((anomaly, index) => (
          <li
            key={`${anomaly.kind}-${index}`}
            data-testid="anomaly"
            data-kind={anomaly.kind}
            className="rounded px-2 py-1 hover:bg-slate-50"
          >
            <button
              type="button"
              data-testid="anomaly-sentence"
              disabled={anomaly.eventIds.length === 0}
              onClick={() => onSelectEvents(anomaly.eventIds)}
              className="flex w-full items-start gap-2 text-left text-sm disabled:cursor-default"
            >
              <Badge className={kindStyle[anomaly.kind].badge}>
                {kindStyle[anomaly.kind].label}
              </Badge>
              <span>{anomaly.message}</span>
            </button>
            {anomaly.eventIds.length > 1 && (
              <div className="mt-1 ml-2 flex flex-wrap gap-1 pl-16 text-xs">
                {anomaly.eventIds.slice(0, MAX_EVENT_LINKS).map((id) => (
                  <button
                    key={id}
                    type="button"
                    data-testid="anomaly-event-link"
                    data-event-id={id}
                    onClick={() => onSelectEvent(id)}
                    className="rounded border border-slate-200 px-1.5 py-0.5 font-mono text-slate-600 hover:bg-white hover:text-sky-700"
                  >
                    {byId.get(id)?.eventType ?? "event"} @ {id}
                  </button>
                ))}
                {anomaly.eventIds.length > MAX_EVENT_LINKS && (
                  <span className="text-slate-400">
                    and {anomaly.eventIds.length - MAX_EVENT_LINKS} more
                  </span>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {anomalies.length > shown.length && (
        <button
          type="button"
          onClick={() => setShowAll(true)}
          className="mt-2 px-2 text-sm text-sky-700 hover:underline"
        >
          Show all {anomalies.length} anomalies
        </button>
      )}
    </Card>
  );
}
