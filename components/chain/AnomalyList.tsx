import type { Anomaly, AnomalyKind } from "@/lib/chain/chain";
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

export function AnomalyList({
  anomalies,
  onSelect,
}: {
  anomalies: readonly Anomaly[];
  onSelect: (eventId: string) => void;
}) {
  if (anomalies.length === 0) return null;
  return (
    <Card title={`Anomalies (${anomalies.length})`}>
      <ul className="-my-1 space-y-1">
        {anomalies.map((anomaly, index) => {
          const firstEventId = anomaly.eventIds[0];
          return (
            <li key={`${anomaly.kind}-${index}`}>
              <button
                type="button"
                data-testid="anomaly"
                disabled={firstEventId === undefined}
                onClick={() => firstEventId !== undefined && onSelect(firstEventId)}
                className="flex w-full items-start gap-2 rounded px-2 py-1 text-left text-sm hover:bg-slate-50 disabled:cursor-default"
              >
                <Badge className={kindStyle[anomaly.kind].badge}>
                  {kindStyle[anomaly.kind].label}
                </Badge>
                <span>{anomaly.message}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
