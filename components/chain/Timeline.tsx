"use client";

import { useEffect, useMemo, useRef } from "react";
import type { Edge } from "@/lib/chain/chain";
import { happenedAt } from "@/lib/chain/order";
import type { Event } from "@/lib/events/event";
import { formatOffset } from "@/components/ui/format";
import { statusStyles } from "@/components/ui/status";
import { eventStatus } from "./event-status";
import type { ChainSelectionProps } from "./selection";

type Row = {
  event: Event;
  /** Milliseconds since the chain's first event. */
  offset: number;
  /** When its parent occurred, so the bar spans the hop that led here. */
  parentOffset: number | null;
};

function toRows(events: readonly Event[], edges: readonly Edge[]): { rows: Row[]; span: number } {
  const time = new Map(events.map((event) => [event.id, Date.parse(happenedAt(event))]));
  const start = Math.min(...[...time.values()].filter((t) => !Number.isNaN(t)));
  const offsetOf = (id: string) => {
    const t = time.get(id);
    return t === undefined || Number.isNaN(t) ? null : t - start;
  };
  const parentOf = new Map(edges.map((edge) => [edge.to, edge.from]));
  const rows = events
    .map((event) => {
      const parent = parentOf.get(event.id);
      return {
        event,
        offset: offsetOf(event.id) ?? 0,
        parentOffset: parent === undefined ? null : offsetOf(parent),
      };
    })
    .sort((a, b) => a.offset - b.offset);
  const span = Math.max(1, ...rows.map((row) => row.offset));
  return { rows, span };
}

export function Timeline({
  events,
  edges,
  selectedId,
  hoveredId,
  onSelect,
  onHover,
}: ChainSelectionProps) {
  const { rows, span } = useMemo(() => toRows(events, edges), [events, edges]);
  return (
    <ol
      className="max-h-80 overflow-y-auto text-sm"
      aria-label="Timeline"
      onMouseLeave={() => onHover(null)}
    >
      {rows.map((row) => (
        <TimelineRow
          key={row.event.id}
          row={row}
          span={span}
          selected={row.event.id === selectedId}
          hovered={row.event.id === hoveredId}
          onSelect={onSelect}
          onHover={onHover}
        />
      ))}
    </ol>
  );
}

type TimelineRowProps = {
  row: Row;
  span: number;
  selected: boolean;
  hovered: boolean;
  onSelect: (id: string) => void;
  onHover: (id: string | null) => void;
};

function TimelineRow({ row, span, selected, hovered, onSelect, onHover }: TimelineRowProps) {
  const { event, offset, parentOffset } = row;
  const style = statusStyles[eventStatus(event)];
  const ref = useRef<HTMLButtonElement>(null);

  // A node picked in the graph may be scrolled out of this list.
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  const at = (ms: number) => `${(ms / span) * 100}%`;
  const hopStart = parentOffset !== null && parentOffset < offset ? parentOffset : offset;
  const highlight = selected
    ? "bg-sky-100 ring-1 ring-sky-400 ring-inset"
    : hovered
      ? "bg-sky-50"
      : style.row;

  return (
    <li>
      <button
        ref={ref}
        type="button"
        data-testid="timeline-row"
        data-event-id={event.id}
        aria-pressed={selected}
        onClick={() => onSelect(event.id)}
        onMouseEnter={() => onHover(event.id)}
        onFocus={() => onHover(event.id)}
        className={`grid w-full grid-cols-[4.5rem_minmax(0,3fr)_minmax(0,2fr)] items-center gap-3 rounded px-2 py-1 text-left ${highlight}`}
      >
        <span className="font-mono text-xs text-slate-500 tabular-nums">
          {formatOffset(offset)}
        </span>
        <span className="truncate">
          <span className="font-medium">{event.eventType ?? "(unreadable)"}</span>
          <span className="text-slate-500"> · {event.service ?? "unknown service"}</span>
        </span>
        <span className="relative h-3 rounded-sm bg-slate-100" aria-hidden>
          <span
            className={`absolute inset-y-1 rounded-sm opacity-40 ${style.marker}`}
            style={{ left: at(hopStart), width: at(offset - hopStart) }}
          />
          <span
            className={`absolute inset-y-0 w-1.5 -translate-x-1/2 rounded-sm ${style.marker}`}
            style={{ left: at(offset) }}
          />
        </span>
      </button>
    </li>
  );
}
