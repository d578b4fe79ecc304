import type { EventDelivery } from "@/lib/chain/delivery";
import { Badge } from "@/components/ui/Badge";
import { formatClock, formatDuration } from "@/components/ui/format";
import { deliveryStyles } from "./delivery-styles";

const sectionTitle = "mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase";

/** Who has read this event: each consumer group of its topic, against its committed offset. */
export function DeliveryDetail({
  delivery,
  offsetsReadAt,
}: {
  delivery: EventDelivery | null;
  offsetsReadAt: string | null;
}) {
  return (
    <div data-testid="delivery-detail">
      <h3 className={sectionTitle}>
        Delivery
        {offsetsReadAt !== null && (
          <span className="ml-2 font-normal tracking-normal text-slate-400 normal-case">
            offsets read {formatClock(offsetsReadAt)} UTC
          </span>
        )}
      </h3>
      {delivery === null ? (
        <p className="text-sm text-slate-400">Reading consumer group offsets…</p>
      ) : delivery.groups.length === 0 ? (
        <p className="text-sm" data-testid="delivery-group" data-state="no-subscriber">
          <Badge className={deliveryStyles["no-subscriber"].badge}>no subscriber</Badge>{" "}
          <span className="text-slate-600">No consumer group has committed on this topic.</span>
        </p>
      ) : (
        <ul className="space-y-1 text-sm">
          {delivery.groups.map((group) => (
            <li
              key={group.group}
              className="flex items-center gap-2"
              data-testid="delivery-group"
              data-group={group.group}
              data-state={group.state}
            >
              <Badge className={deliveryStyles[group.state].badge}>
                {group.state === "pending" && group.pendingMs !== null
                  ? `pending for ${formatDuration(group.pendingMs)}`
                  : deliveryStyles[group.state].label}
              </Badge>
              <span className="truncate font-mono text-xs">{group.group}</span>
              {group.committedOffset !== null && (
                <span className="ml-auto shrink-0 text-xs text-slate-400">
                  committed {group.committedOffset}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
