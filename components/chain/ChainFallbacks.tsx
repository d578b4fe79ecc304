/** What the chain page shows while there is no chain to draw. */
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/Button";
import { NOT_FOUND_POLL_MS } from "./queries";

function Notice({
  title,
  tone = "neutral",
  children,
}: {
  title: string;
  tone?: "neutral" | "error";
  children: ReactNode;
}) {
  const palette = tone === "error" ? "border-red-200 bg-red-50" : "border-slate-200 bg-white";
  return (
    <section role="status" className={`max-w-2xl space-y-3 rounded-lg border p-6 ${palette}`}>
      <h1 className="text-lg font-semibold">{title}</h1>
      {children}
    </section>
  );
}

export function ChainLoading({ correlationId }: { correlationId: string }) {
  return (
    <Notice title="Loading chain…">
      <p className="font-mono text-sm break-all text-slate-600">{correlationId}</p>
      <div className="h-2 w-48 animate-pulse rounded bg-slate-200" />
    </Notice>
  );
}

export function ChainNotFound({
  correlationId,
  polling,
  onRetry,
}: {
  correlationId: string;
  polling: boolean;
  onRetry: () => void;
}) {
  return (
    <Notice title="No events indexed for this correlation id yet">
      <p className="font-mono text-sm break-all text-slate-600">{correlationId}</p>
      <p className="text-sm text-slate-700">
        The collector indexes records a few seconds after they reach Kafka, so a flow that has just
        started may still be arriving. Check the id for typos, or wait a moment.
      </p>
      <div className="flex items-center gap-3">
        <Button onClick={onRetry}>Check again</Button>
        <span className="text-xs text-slate-500" data-testid="not-found-polling">
          {polling
            ? `Checking every ${NOT_FOUND_POLL_MS / 1_000} s…`
            : "Stopped checking after a minute."}
        </span>
      </div>
    </Notice>
  );
}

export function InvalidCorrelationId({ message }: { message: string }) {
  return (
    <Notice title="That is not a valid correlation id" tone="error">
      <p className="text-sm text-red-900">{message}</p>
      <Link href="/" className="text-sm font-medium text-sky-700 hover:underline">
        Search again
      </Link>
    </Notice>
  );
}

export function ChainLoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Notice title="Could not load this chain" tone="error">
      <p className="text-sm text-red-900">{message}</p>
      <Button onClick={onRetry}>Try again</Button>
    </Notice>
  );
}
