"use client";

import { useRouter } from "next/navigation";
import { useId, type FormEvent } from "react";

export function CorrelationIdForm() {
  const router = useRouter();
  const inputId = useId();

  function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get("correlationId");
    const correlationId = typeof value === "string" ? value.trim() : "";
    if (correlationId !== "") router.push(`/chains/${encodeURIComponent(correlationId)}`);
  }

  return (
    <form onSubmit={open} role="search" className="space-y-2">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        Correlation ID
      </label>
      <input
        id={inputId}
        name="correlationId"
        data-testid="correlation-input"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. 7f3c9a2e-order-1042"
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none"
      />
      <p className="text-xs text-slate-500">Press Enter to open its chain.</p>
    </form>
  );
}
