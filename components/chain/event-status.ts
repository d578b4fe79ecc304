import { isRetryTopic } from "@/lib/chain/topics";
import type { EventSummary } from "@/lib/events/event";
import type { Status } from "@/components/ui/status";

export function eventStatus(event: EventSummary): Exclude<Status, "missing"> {
  if (event.dlq !== null) return "dead-lettered";
  if (isRetryTopic(event.topic)) return "retried";
  return "ok";
}
