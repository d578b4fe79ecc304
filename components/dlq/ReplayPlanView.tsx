import { KeyValueList } from "@/components/ui/KeyValueList";
import type { ReplayPlan } from "@/lib/replay/plan";

const diffStyles = {
  same: "text-slate-600",
  added: "bg-emerald-50 text-emerald-900",
  removed: "bg-red-50 text-red-900 line-through",
} as const;
const diffMarks = { same: " ", added: "+", removed: "-" } as const;

/** Exactly what a replay will produce: topic, key, headers and value (or the value's diff). */
export function ReplayPlanView({ plan }: { plan: ReplayPlan }) {
  return (
    <div data-testid="replay-plan" className="space-y-3 text-sm">
      {plan.warnings.length > 0 && (
        <ul
          data-testid="replay-warnings"
          className="space-y-1 rounded border border-amber-300 bg-amber-50 p-2 text-amber-900"
        >
          {plan.warnings.map((warning) => (
            <li key={warning}>⚠ {warning}</li>
          ))}
        </ul>
      )}
      <KeyValueList
        items={[
          ["Topic", <span data-testid="replay-topic">{plan.topic}</span>],
          [
            "Key",
            plan.key === null
              ? null
              : `${plan.key}${plan.keyEncoding === "base64" ? " (base64)" : ""}`,
          ],
          ["Replay of", plan.recordId],
        ]}
      />
      <div>
        <h4 className="mb-1 text-xs font-semibold text-slate-500 uppercase">Headers</h4>
        <KeyValueList items={plan.headers.map(({ key, value }) => [key, value] as const)} />
      </div>
      <div>
        <h4 className="mb-1 text-xs font-semibold text-slate-500 uppercase">
          Value{plan.valueDiff ? " (edited: changes against the original)" : ""}
        </h4>
        {plan.valueDiff ? (
          <pre
            data-testid="replay-diff"
            className="max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs"
          >
            {plan.valueDiff.map((line, index) => (
              <div key={index} data-op={line.op} className={diffStyles[line.op]}>
                {diffMarks[line.op]} {line.text}
              </div>
            ))}
          </pre>
        ) : (
          <pre className="max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap">
            {plan.value ?? "(null: a tombstone)"}
            {plan.valueEncoding === "base64" ? "  (base64)" : ""}
          </pre>
        )}
      </div>
    </div>
  );
}
