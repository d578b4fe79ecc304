import type { ReactNode } from "react";

/** A small pill; pass one of the `statusStyles[...].badge` strings or any ring-based palette. */
export function Badge({
  className = "bg-slate-100 text-slate-700 ring-slate-400/30",
  children,
}: {
  className?: string;
  children: ReactNode;
}) {
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded px-1.5 py-0.5 text-[11px] font-semibold ring-1 ring-inset ${className}`}
    >
      {children}
    </span>
  );
}
