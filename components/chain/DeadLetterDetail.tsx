import type { DeadLetterSummary } from "@/lib/events/event";
import { CopyButton } from "@/components/ui/CopyButton";
import { ErrorClass } from "@/components/ui/ErrorClass";
import { KeyValueList } from "@/components/ui/KeyValueList";
import { describeConnectFailure } from "@/lib/dlq/failure";

type DeadLetterDetailProps = {
  deadLetter: DeadLetterSummary;
  /** Comes with the whole record, after the rest of the detail. */
  errorStack: string | null;
};

export function DeadLetterDetail({ deadLetter, errorStack }: DeadLetterDetailProps) {
  return (
    <div
      className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900"
      data-testid="dead-letter-detail"
    >
      <h3 className="text-sm font-semibold">Dead-lettered</h3>
      <p className="mt-1 mb-2 text-sm break-words">
        <ErrorClass errorClass={deadLetter.errorClass} wrapperClass={deadLetter.wrapperClass} />
        {deadLetter.errorMessage !== null && <>: {deadLetter.errorMessage}</>}
      </p>
      <KeyValueList
        items={[
          ...connectItems(deadLetter),
          ["original topic", deadLetter.originalTopic],
          ["original partition", deadLetter.originalPartition],
          ["original offset", deadLetter.originalOffset],
          ["consumer group", deadLetter.consumerGroup],
          ["failed at", deadLetter.failedAt],
        ]}
      />
      {errorStack !== null && (
        <details className="mt-2" open data-testid="error-stack">
          <summary className="cursor-pointer text-xs font-semibold">Stack trace</summary>
          <div className="mt-1 flex justify-end">
            <CopyButton value={errorStack} label="Copy stack" />
          </div>
          <pre className="mt-1 max-h-64 overflow-auto rounded bg-white/70 p-2 font-mono text-[11px] leading-4 whitespace-pre">
            {errorStack}
          </pre>
        </details>
      )}
    </div>
  );
}

/** Kafka Connect says where in the pipeline the record failed. */
function connectItems(deadLetter: DeadLetterSummary): [string, string | null][] {
  const failed = describeConnectFailure(deadLetter);
  if (failed === null) return [];
  return [
    ["failed in", failed],
    ["stage class", deadLetter.stageClass],
  ];
}
