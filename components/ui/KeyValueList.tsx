import type { ReactNode } from "react";

/** Label/value pairs; a null value shows as a dash so absent and empty are told apart. */
export function KeyValueList({ items }: { items: readonly [label: string, value: ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
      {/* By position: a label may repeat, as a header sent more than once does. */}
      {items.map(([label, value], index) => (
        <div key={index} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="font-mono text-xs leading-5 break-all text-slate-900">
            {value ?? <span className="text-slate-400">—</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
