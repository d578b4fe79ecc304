import { Handle, Position, useStore, type NodeProps } from "@xyflow/react";
import { Badge } from "@/components/ui/Badge";
import { formatClock } from "@/components/ui/format";
import { happenedAt } from "@/lib/chain/order";
import { serviceColour, statusStyles } from "@/components/ui/status";
import { eventStatus } from "./event-status";
import { NODE_SIZE, type EventFlowNode } from "./graph-elements";
import { useNodeFocus } from "./graph-focus";

// Edges attach to these; nobody draws new ones, so they stay out of sight.
const hiddenHandle = { visibility: "hidden" } as const;

/** Below this zoom text is unreadable, so nodes draw as plain coloured boxes (and draw fast). */
const DETAIL_ZOOM = 0.3;
const zoomedOut = (state: { transform: [number, number, number] }) =>
  state.transform[2] < DETAIL_ZOOM;

export function EventNode({ id, data }: NodeProps<EventFlowNode>) {
  const { event, critical } = data;
  const { selected, hovered, flagged } = useNodeFocus(id);
  const compact = useStore(zoomedOut);
  const status = eventStatus(event);
  const style = statusStyles[status];
  const focus = selected
    ? "ring-2 ring-sky-500 ring-offset-2"
    : hovered
      ? "ring-2 ring-sky-300"
      : flagged
        ? "ring-2 ring-orange-400 ring-offset-1"
        : critical
          ? "ring-1 ring-indigo-400"
          : "";
  const stripe = { borderLeft: `6px solid ${serviceColour(event.service)}` };

  return (
    <div
      data-testid="event-node"
      data-event-id={event.id}
      data-status={status}
      data-service={event.service ?? ""}
      data-critical={critical}
      data-flagged={flagged}
      style={{ ...NODE_SIZE, ...stripe }}
      title={compact ? `${event.eventType ?? "(unreadable)"} · ${event.service ?? ""}` : undefined}
      className={`flex cursor-pointer flex-col justify-center gap-0.5 rounded-md border px-3 py-2 text-left shadow-sm ${style.node} ${focus}`}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} style={hiddenHandle} />
      {!compact && (
        <>
          <div className="flex items-center gap-1.5">
            {status !== "ok" && <Badge className={style.badge}>{style.label}</Badge>}
            <span
              className="truncate text-sm font-semibold text-slate-900"
              title={event.eventType ?? undefined}
            >
              {event.eventType ?? "(unreadable)"}
            </span>
          </div>
          <div className="flex justify-between gap-2 text-xs text-slate-600">
            <span className="truncate">{event.service ?? "unknown service"}</span>
            <span className="shrink-0 font-mono tabular-nums">
              {formatClock(happenedAt(event))}
            </span>
          </div>
          <div className="truncate font-mono text-[11px] text-slate-500" title={event.topic}>
            {event.topic}
          </div>
        </>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={hiddenHandle} />
    </div>
  );
}
