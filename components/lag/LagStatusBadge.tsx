import type { LagStatus } from "@/lib/lag/status";
import { lagStatusStyles } from "./lag-status";

/** The status, with the sentence that explains it one hover (or focus) away. */
export function LagStatusBadge({
  status,
  explanation,
}: {
  status: LagStatus;
  explanation: string;
}) {
  return (
    <span
      className="group relative inline-flex"
      tabIndex={0}
      data-testid="lag-status"
      data-status={status}
    >
      <span
        className={`inline-flex items-center rounded px-1.5 py-0.5 text-[11px] font-semibold ring-1 ring-inset ${lagStatusStyles[status].badge}`}
      >
        {status}
      </span>
      <span
        role="tooltip"
        className="invisible absolute top-full left-0 z-20 mt-1 w-80 rounded-md bg-slate-900 px-3 py-2 text-xs leading-5 font-normal text-white shadow-lg group-hover:visible group-focus:visible"
      >
        {explanation}
      </span>
    </span>
  );
}
