import type { Event } from "@/lib/events/event";
import { Badge } from "@/components/ui/Badge";
import { CopyButton } from "@/components/ui/CopyButton";
import { KeyValueList } from "@/components/ui/KeyValueList";
import { statusStyles } from "@/components/ui/status";
import { DeadLetterDetail } from "./DeadLetterDetail";
import { eventStatus } from "./event-status";

const sectionTitle = "mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase";

export function EventDetail({ event, onClose }: { event: Event; onClose: () => void }) {
  const status = eventStatus(event);
  const headers = Object.entries(event.headers);

  return (
    <section
      data-testid="event-detail"
      aria-label="Selected event"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            {status !== "ok" && (
              <Badge className={statusStyles[status].badge}>{statusStyles[status].label}</Badge>
            )}
            <h2 className="truncate font-semibold">{event.eventType ?? "(unreadable)"}</h2>
          </div>
          <p className="text-sm text-slate-600">
            {event.service ?? "unknown service"} ·{" "}
            <time dateTime={event.occurredAt}>{event.occurredAt}</time>
          </p>
        </div>
        <button
          type="button"
          onClick={onClose}
          className="text-sm text-slate-500 hover:text-slate-900"
        >
          Close
        </button>
      </header>

      {event.dlq && <DeadLetterDetail deadLetter={event.dlq} />}

      <div>
        <h3 className={sectionTitle}>Kafka</h3>
        <KeyValueList
          items={[
            ["topic", event.topic],
            ["partition", event.partition],
            ["offset", event.offset],
            ["key", event.key],
          ]}
        />
      </div>

      <div>
        <h3 className={sectionTitle}>Ids</h3>
        <KeyValueList
          items={[
            ["eventId", event.eventId],
            ["causationId", event.causationId],
            ["correlationId", event.correlationId],
          ]}
        />
      </div>

      <div>
        <h3 className={sectionTitle}>Headers</h3>
        {headers.length === 0 ? (
          <p className="text-sm text-slate-400">No headers</p>
        ) : (
          <table className="w-full text-left font-mono text-xs">
            <tbody>
              {headers.map(([name, value]) => (
                <tr key={name} className="border-t border-slate-100 align-top">
                  <th className="py-1 pr-3 font-medium text-slate-600">{name}</th>
                  <td className="py-1 break-all">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      <Payload event={event} />
    </section>
  );
}

function Payload({ event }: { event: Event }) {
  const text = event.payload === null ? event.raw : JSON.stringify(event.payload, null, 2);
  return (
    <div>
      <div className="mb-1.5 flex items-center justify-between gap-2">
        <h3 className={sectionTitle}>{event.payload === null ? "Raw value" : "Payload"}</h3>
        {text !== null && <CopyButton value={text} />}
      </div>
      {event.payload === null && event.flags.length > 0 && (
        <div className="mb-2 flex flex-wrap gap-1">
          {event.flags.map((flag) => (
            <Badge key={flag}>{flag}</Badge>
          ))}
        </div>
      )}
      {text === null ? (
        <p className="text-sm text-slate-400">No value</p>
      ) : (
        <pre className="max-h-96 overflow-auto rounded bg-slate-950 p-3 font-mono text-xs text-slate-100">
          {text}
        </pre>
      )}
    </div>
  );
}
