import type { DeadLetter } from "@/lib/events/event";
import { KeyValueList } from "@/components/ui/KeyValueList";

export function DeadLetterDetail({ deadLetter }: { deadLetter: DeadLetter }) {
  return (
    <div className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
      <h3 className="text-sm font-semibold">Dead-lettered</h3>
      <p className="mt-1 mb-2 text-sm break-words">
        <span className="font-mono font-semibold">{deadLetter.errorClass ?? "Unknown error"}</span>
        {deadLetter.errorMessage !== null && <>: {deadLetter.errorMessage}</>}
      </p>
      <KeyValueList
        items={[
          ["original topic", deadLetter.originalTopic],
          ["original partition", deadLetter.originalPartition],
          ["original offset", deadLetter.originalOffset],
          ["consumer group", deadLetter.consumerGroup],
        ]}
      />
    </div>
  );
}
