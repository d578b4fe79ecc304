import { Badge } from "@/components/ui/Badge";
import type { TriageState } from "@/lib/dlq/triage";

const styles: Record<TriageState, string> = {
  new: "bg-red-50 text-red-800 ring-red-600/30",
  investigating: "bg-amber-50 text-amber-800 ring-amber-600/30",
  resolved: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  replayed: "bg-sky-50 text-sky-800 ring-sky-600/30",
  discarded: "bg-slate-100 text-slate-600 ring-slate-400/40",
};

export function TriageStateBadge({ state }: { state: TriageState }) {
  return (
    <span data-testid="triage-state" data-state={state}>
      <Badge className={styles[state]}>{state}</Badge>
    </span>
  );
}
