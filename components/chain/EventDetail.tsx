import Link from "next/link";
import type { EventDelivery } from "@/lib/chain/delivery";
import { contractHref } from "@/components/contracts/queries";
import type { Event, EventSummary } from "@/lib/events/event";
import { Badge } from "@/components/ui/Badge";
import { CopyButton } from "@/components/ui/CopyButton";
import { JsonTree } from "@/components/ui/JsonTree";
import { KeyValueList } from "@/components/ui/KeyValueList";
import { statusStyles } from "@/components/ui/status";
import { DeadLetterDetail } from "./DeadLetterDetail";
import { DeliveryDetail } from "./DeliveryDetail";
import { eventStatus } from "./event-status";
import { useEventRecord } from "./queries";

const sectionTitle = "mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase";

type EventDetailProps = {
  event: EventSummary;
  delivery: EventDelivery | null;
  offsetsReadAt: string | null;
  onClose: () => void;
};

/**
 * The selected event: what the chain already says about it at once, then its headers, payload,
 * raw value and stack once `GET /api/events/{id}` has answered (`data-loaded`).
 */
export function EventDetail({ event, delivery, offsetsReadAt, onClose }: EventDetailProps) {
  const record = useEventRecord(event.id);
  const status = eventStatus(event);
  const apiPath = `/api/events/${encodeURIComponent(event.id)}`;
  const withCopy = (value: string | null) =>
    value === null ? null : (
      <span className="flex items-start justify-between gap-2">
        <span>{value}</span>
        <CopyButton value={value} />
      </span>
    );

  return (
    <section
      data-testid="event-detail"
      data-event-id={event.id}
      data-loaded={record.data !== undefined}
      aria-label="Selected event"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            {status !== "ok" && (
              <Badge className={statusStyles[status].badge}>{statusStyles[status].label}</Badge>
            )}
            <h2 className="truncate font-semibold">
              {event.contract === null ? (
                (event.eventType ?? "(unreadable)")
              ) : (
                <Link
                  href={contractHref(event.contract)}
                  title="This event type's contract"
                  data-testid="event-contract-link"
                  className="hover:text-sky-700 hover:underline"
                >
                  {event.eventType ?? event.contract}
                </Link>
              )}
            </h2>
          </div>
          <p className="text-sm text-slate-600">
            {event.service ?? "unknown service"} ·{" "}
            <time dateTime={event.occurredAt}>{event.occurredAt}</time>
            {event.attempt !== null && <> · attempt {event.attempt}</>}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-3 text-sm">
          <a
            href={apiPath}
            target="_blank"
            rel="noreferrer"
            data-testid="event-api-link"
            className="text-sky-700 hover:underline"
          >
            JSON in the API
          </a>
          <button type="button" onClick={onClose} className="text-slate-500 hover:text-slate-900">
            Close
          </button>
        </div>
      </header>

      {event.dlq && (
        <DeadLetterDetail
          deadLetter={event.dlq}
          errorStack={record.data?.dlq?.errorStack ?? null}
        />
      )}

      <DeliveryDetail delivery={delivery} offsetsReadAt={offsetsReadAt} />

      <div>
        <h3 className={sectionTitle}>Kafka</h3>
        <KeyValueList
          items={[
            ["record", withCopy(event.id)],
            ["topic", event.topic],
            ["partition", event.partition],
            ["offset", event.offset],
            ["key", withCopy(event.key)],
            ["timestamp", event.timestamp],
            ["indexed at", event.ingestedAt],
            ["envelope", event.envelope],
          ]}
        />
      </div>

      <div>
        <h3 className={sectionTitle}>Ids</h3>
        <KeyValueList
          items={[
            ["eventId", withCopy(event.eventId)],
            ["causationId", withCopy(event.causationId)],
            ["correlationId", withCopy(event.correlationId)],
          ]}
        />
      </div>

      {record.data ? (
        <RecordContent event={record.data} />
      ) : (
        <p className="text-sm text-slate-500" role="status" data-testid="record-status">
          {record.error
            ? `Could not load headers and payload: ${record.error.message}`
            : "Loading headers and payload…"}
        </p>
      )}
    </section>
  );
}

function RecordContent({ event }: { event: Event }) {
  const { headers } = event;
  return (
    <div className="space-y-4">
      <details open={headers.length <= 12}>
        <summary className={`${sectionTitle} cursor-pointer`}>Headers ({headers.length})</summary>
        {headers.length === 0 ? (
          <p className="text-sm text-slate-400">No headers</p>
        ) : (
          // Fixed columns: with automatic ones a long header name took the whole width and
          // left its value a column of no width, where nothing of it could be seen.
          <table
            className="w-full table-fixed text-left font-mono text-xs"
            data-testid="event-headers"
          >
            <tbody>
              {/* Every header in order: a repeated name is shown each time it was sent. */}
              {headers.map(({ key: name, value }, index) => (
                <tr key={index} className="border-t border-slate-100 align-top">
                  <th className="w-2/5 py-1 pr-3 font-medium break-all text-slate-600">{name}</th>
                  <td className="py-1 break-all">
                    <span className="line-clamp-3">{value}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
      <Payload event={event} />
    </div>
  );
}

function Payload({ event }: { event: Event }) {
  return (
    <div className="space-y-3">
      {event.payload !== null && (
        <div>
          <div className="mb-1.5 flex items-center justify-between gap-2">
            <h3 className={sectionTitle}>Payload</h3>
            <CopyButton value={JSON.stringify(event.payload, null, 2)} label="Copy JSON" />
          </div>
          <div className="max-h-96 overflow-auto rounded bg-slate-950 p-2">
            <JsonTree value={event.payload} />
          </div>
        </div>
      )}
      {event.flags.length > 0 && (
        <div className="flex flex-wrap gap-1">
          {event.flags.map((flag) => (
            <Badge key={flag}>{flag}</Badge>
          ))}
        </div>
      )}
      <details open={event.payload === null} data-testid="raw-value">
        <summary className={`${sectionTitle} cursor-pointer`}>
          Raw value ({event.valueSize.toLocaleString("en-US")} bytes)
        </summary>
        {event.raw === null ? (
          <p className="text-sm text-slate-400">No value</p>
        ) : (
          <>
            <div className="mb-1 flex justify-end">
              <CopyButton value={event.raw} label="Copy raw" />
            </div>
            <pre className="max-h-64 overflow-auto rounded bg-slate-950 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
              {event.raw}
            </pre>
          </>
        )}
      </details>
    </div>
  );
}
