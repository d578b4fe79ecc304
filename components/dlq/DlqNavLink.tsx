"use client";

import Link from "next/link";
import { useDlqSummary } from "./queries";

/** The navigation's link to the board; a red count of new dead letters means an open incident. */
export function DlqNavLink() {
  const summary = useDlqSummary();
  const newCount = summary.data?.newCount ?? 0;
  return (
    <Link
      href="/dlq"
      prefetch={false}
      className="inline-flex items-center gap-1 text-sm text-slate-700 hover:text-sky-700"
    >
      Dead letters
      {newCount > 0 && (
        <span
          data-testid="dlq-new-badge"
          aria-label={`${newCount} new dead letters`}
          className="rounded-full bg-red-600 px-1.5 text-[11px] font-semibold text-white"
        >
          {newCount}
        </span>
      )}
    </Link>
  );
}
