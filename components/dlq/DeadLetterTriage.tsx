"use client";

import Link from "next/link";
import { Card } from "@/components/ui/Card";
import { useChainDeadLetters } from "./queries";
import { TriageStateBadge } from "./TriageStateBadge";

/** On the chain page: each dead letter of the chain with its triage state and its replays. */
export function DeadLetterTriage({ correlationId }: { correlationId: string }) {
  const deadLetters = useChainDeadLetters(correlationId);
  if (!deadLetters.data || deadLetters.data.length === 0) return null;
  return (
    <Card
      title="Dead letters in this chain"
      className="mb-4"
      actions={
        // Prefetching the board would have the server render it while the chain still loads.
        <Link href="/dlq" prefetch={false} className="text-xs text-sky-700 hover:underline">
          DLQ board
        </Link>
      }
    >
      <ul data-testid="chain-dead-letters" className="space-y-2 text-sm">
        {deadLetters.data.map((record) => (
          <li
            key={record.id}
            data-testid="chain-dead-letter"
            data-record-id={record.id}
            className="flex flex-wrap items-baseline gap-2"
          >
            <span className="font-mono text-xs">{record.id}</span>
            <TriageStateBadge state={record.state} />
            {record.triage?.assignee && (
              <span className="text-xs text-slate-500">@{record.triage.assignee}</span>
            )}
            <span className="text-xs text-slate-600">{record.errorMessage}</span>
            {record.replays.map((replay) => (
              <span
                key={replay.idempotencyKey}
                data-testid="chain-replay"
                className="text-xs text-sky-800"
              >
                replayed {replay.status === "produced" ? "" : `(${replay.status}) `}to{" "}
                {replay.topic}
                {replay.produced &&
                  ` [${replay.produced.partition}] @ ${replay.produced.offset}`}{" "}
                by {replay.by} at {replay.at.replace("T", " ").slice(0, 19)}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </Card>
  );
}
