"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, type CSSProperties } from "react";
import type { ChainTiming, EventTiming } from "@/lib/chain/timing";
import type { DeliveryState } from "@/lib/chain/delivery";
import type { EventSummary } from "@/lib/events/event";
import { formatDuration, formatOffset } from "@/components/ui/format";
import { criticalColour, statusStyles, timeSplitStyles } from "@/components/ui/status";
import { deliveryStyles } from "./delivery-styles";
import { eventStatus } from "./event-status";
import type { ChainSelectionProps } from "./selection";

/** Rows are one fixed height, so react-virtual draws only those on screen, even for 2,000 events. */
const ROW_HEIGHT = 28;
const VIEW_HEIGHT = 384;
const OVERSCAN = 8;

type Row = { event: EventSummary; timing: EventTiming | undefined; critical: boolean };

type TimelineProps = Omit<ChainSelectionProps, "edges"> & {
  timing: ChainTiming;
  deliveryStates: ReadonlyMap<string, DeliveryState>;
};

/** The waterfall: one bar per event at its time, its hop split into where the time went. */
export function Timeline({
  events,
  timing,
  deliveryStates,
  selectedId,
  hoveredId,
  onSelect,
  onHover,
}: TimelineProps) {
  const rows = useMemo(() => {
    const onPath = new Set(timing.criticalPath);
    return events.map((event, index): Row => ({
      event,
      timing: timing.events[index],
      critical: onPath.has(event.id),
    }));
  }, [events, timing.events, timing.criticalPath]);
  const span = Math.max(1, timing.totalMs);
  const list = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here to skip it
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => list.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // Rows are drawn on the first paint too, before the list has been measured.
    initialRect: { width: 0, height: VIEW_HEIGHT },
    getItemKey: (index) => rows[index]?.event.id ?? index,
  });

  // A node picked in the graph or an anomaly may be scrolled out of this list.
  useEffect(() => {
    const index = rows.findIndex((row) => row.event.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: "auto" });
  }, [selectedId, rows, virtualizer]);

  return (
    <div className="space-y-2">
      <CriticalPathSummary timing={timing} />
      <div
        ref={list}
        className="overflow-y-auto text-sm"
        style={{ maxHeight: VIEW_HEIGHT }}
        onMouseLeave={() => onHover(null)}
      >
        <ol
          aria-label="Timeline"
          className="relative"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map(({ index, key, start }) => {
            const row = rows[index];
            if (!row) return null;
            return (
              <TimelineRow
                key={key}
                row={row}
                span={span}
                delivery={deliveryStates.get(row.event.id)}
                style={{ top: start, height: ROW_HEIGHT }}
                selected={row.event.id === selectedId}
                hovered={row.event.id === hoveredId}
                onSelect={onSelect}
                onHover={onHover}
              />
            );
          })}
        </ol>
      </div>
    </div>
  );
}

function CriticalPathSummary({ timing }: { timing: ChainTiming }) {
  const { critical, criticalPath } = timing;
  const parts = (Object.keys(timeSplitStyles) as (keyof typeof timeSplitStyles)[]).filter(
    (part) => critical[part] > 0,
  );
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
      <span data-testid="critical-path-summary">
        <span className="font-semibold" style={{ color: criticalColour }}>
          Critical path
        </span>{" "}
        {criticalPath.length} events,{" "}
        {formatDuration(critical.processingMs + critical.queueWaitMs + critical.retryMs)}
        {parts.length > 0 && ": "}
        {parts
          .map((part) => `${timeSplitStyles[part].label} ${formatDuration(critical[part])}`)
          .join(" · ")}
      </span>
      <span className="flex items-center gap-3" aria-hidden>
        {Object.values(timeSplitStyles).map(({ label, fill }) => (
          <span key={label} className="inline-flex items-center gap-1">
            <span className={`inline-block h-2 w-3 rounded-sm ${fill}`} />
            {label}
          </span>
        ))}
      </span>
    </div>
  );
}

type TimelineRowProps = {
  row: Row;
  span: number;
  delivery: DeliveryState | undefined;
  style: CSSProperties;
  selected: boolean;
  hovered: boolean;
  onSelect: (id: string) => void;
  onHover: (id: string | null) => void;
};

function TimelineRow({
  row,
  span,
  delivery,
  style,
  selected,
  hovered,
  onSelect,
  onHover,
}: TimelineRowProps) {
  const { event, timing, critical } = row;
  const status = statusStyles[eventStatus(event)];
  const offset = timing?.startMs ?? 0;
  const hop = timing?.hopMs ?? 0;
  const at = (ms: number) => `${(Math.max(0, ms) / span) * 100}%`;
  const highlight = selected
    ? "bg-sky-100 ring-1 ring-sky-400 ring-inset"
    : hovered
      ? "bg-sky-50"
      : status.row;

  // Where the hop's time went, left to right: failed attempts, waiting in the topic, work.
  let segmentStart = offset - hop;
  const segments = timing
    ? (["retryMs", "queueWaitMs", "processingMs"] as const).flatMap((part) => {
        const length = timing[part];
        if (length <= 0) return [];
        const segment = { part, left: segmentStart, length };
        segmentStart += length;
        return [segment];
      })
    : [];

  return (
    <li className="absolute inset-x-0">
      <button
        type="button"
        data-testid="timeline-row"
        data-event-id={event.id}
        data-critical={critical}
        aria-pressed={selected}
        onClick={() => onSelect(event.id)}
        onMouseEnter={() => onHover(event.id)}
        onFocus={() => onHover(event.id)}
        style={{
          ...style,
          boxShadow: critical ? `inset 3px 0 0 ${criticalColour}` : undefined,
        }}
        className={`absolute inset-x-0 grid w-full grid-cols-[4.5rem_minmax(0,3fr)_4.5rem_minmax(0,3fr)] items-center gap-2 rounded px-2 text-left ${highlight}`}
      >
        <span className="font-mono text-xs text-slate-500 tabular-nums">
          {formatOffset(offset)}
        </span>
        <span className="flex min-w-0 items-center gap-1.5">
          {delivery && (
            <span
              className={`size-2 shrink-0 rounded-full ${deliveryStyles[delivery].dot}`}
              title={deliveryStyles[delivery].label}
              data-testid="delivery-dot"
              data-state={delivery}
            />
          )}
          <span className="truncate">
            <span className="font-medium">{event.eventType ?? "(unreadable)"}</span>
            <span className="text-slate-500"> · {event.service ?? "unknown service"}</span>
          </span>
        </span>
        <span
          className="text-right font-mono text-[11px] text-slate-500 tabular-nums"
          data-testid="hop-latency"
          title="Time since the event that caused it"
        >
          {timing?.hopMs === null || timing === undefined ? "" : `↳ ${formatDuration(hop)}`}
        </span>
        <span className="relative h-3 rounded-sm bg-slate-100" aria-hidden>
          {segments.map(({ part, left, length }) => (
            <span
              key={part}
              className={`absolute inset-y-0.5 ${timeSplitStyles[part].fill} ${critical ? "" : "opacity-50"}`}
              style={{ left: at(left), width: at(length) }}
            />
          ))}
          <span
            className={`absolute inset-y-0 w-1.5 -translate-x-1/2 rounded-sm ${status.marker}`}
            style={{ left: at(offset) }}
          />
        </span>
      </button>
    </li>
  );
}
