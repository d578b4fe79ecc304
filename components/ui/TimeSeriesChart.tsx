"use client";

import { useEffect, useRef } from "react";
import uPlot from "uplot";
import {
  dataExtent,
  formatTime,
  formatValue,
  selectionToRange,
  type Aligned,
} from "@/lib/chart/series";

export interface ChartSeries {
  label: string;
  stroke: string;
  width?: number;
  /** Draw as bars (counts per bucket) instead of a line. */
  bars?: boolean;
}

/**
 * A thin React wrapper over uPlot (~50 KB, canvas rendering, fast with many series, legend
 * toggles and drag-zoom built in). The instance is created once per series layout; data changes
 * go through setData and size changes through a ResizeObserver, so zoom and legend toggles
 * survive re-renders. Scales are never reset on render: only new data re-fits x, and only when
 * the user has not zoomed in.
 */
export function TimeSeriesChart({
  data,
  series,
  unit,
  height,
  compact = false,
  timeAxis = true,
  testId,
  ariaLabel,
  dataAttributes,
  className = "w-full",
}: {
  data: Aligned;
  series: readonly ChartSeries[];
  unit: string;
  height: number;
  /** A sparkline: no axes, legend, cursor or zoom. */
  compact?: boolean;
  timeAxis?: boolean;
  testId?: string;
  ariaLabel: string;
  dataAttributes?: Record<`data-${string}`, string>;
  className?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const zoomed = useRef(false);
  const latest = useRef(data);
  // Declared before the create effect, so a re-created instance starts from the current data.
  useEffect(() => {
    latest.current = data;
  }, [data]);
  // The instance depends on the series layout only; a key of it keeps the effect from re-running
  // when a parent passes a new but equal array.
  const layout = JSON.stringify({ series, unit, height, compact, timeAxis });

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const spec = JSON.parse(layout) as {
      series: ChartSeries[];
      unit: string;
      height: number;
      compact: boolean;
      timeAxis: boolean;
    };
    const bars = uPlot.paths.bars?.({ size: [0.8, 12] });
    const opts: uPlot.Options = {
      width: Math.max(1, el.clientWidth),
      height: spec.height,
      legend: { show: !spec.compact, live: true },
      cursor: spec.compact ? { show: false } : { drag: { x: true, y: false, setScale: false } },
      scales: { x: { time: spec.timeAxis } },
      axes: spec.compact
        ? [{ show: false }, { show: false }]
        : [{}, { size: 60, values: (_u, ticks) => ticks.map((t) => formatTick(t)) }],
      series: [
        { label: "time", value: (_u, v) => (spec.timeAxis ? formatTime(v) : String(v)) },
        ...spec.series.map((s) => ({
          label: s.label,
          stroke: s.stroke,
          width: s.width ?? 1.5,
          fill: s.bars ? s.stroke : undefined,
          paths: s.bars ? bars : undefined,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => formatValue(v, spec.unit),
        })),
      ],
      hooks: {
        // The shown range on the element: canvas ticks cannot be read by tests or tools.
        setScale: [
          (u, key) => {
            if (key !== "x") return;
            el.dataset.xMin = String(u.scales.x?.min ?? "");
            el.dataset.xMax = String(u.scales.x?.max ?? "");
          },
        ],
        // A drag picks a time range; we apply it ourselves so a click never zooms.
        setSelect: [
          (u) => {
            const range = selectionToRange(u.select.left, u.select.width, (px) =>
              u.posToVal(px, "x"),
            );
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            if (!range) return;
            zoomed.current = true;
            u.setScale("x", range);
          },
        ],
      },
    };
    const u = new uPlot(opts, latest.current, el);
    plot.current = u;
    const onDoubleClick = () => {
      const extent = dataExtent(u.data[0] as number[]);
      zoomed.current = false;
      if (extent) u.setScale("x", extent);
    };
    u.over.addEventListener("dblclick", onDoubleClick);
    const resize = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry?.contentRect.width ?? 0);
      if (width > 0 && width !== u.width) u.setSize({ width, height: spec.height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener("dblclick", onDoubleClick);
      u.destroy();
      plot.current = null;
    };
  }, [layout]);

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    // setData(data, false) keeps the user's zoom; without a zoom the new data is fitted.
    u.setData(data, !zoomed.current);
  }, [data]);

  return (
    <div
      ref={container}
      data-testid={testId}
      role="img"
      aria-label={ariaLabel}
      className={className}
      {...dataAttributes}
    />
  );
}

function formatTick(v: number): string {
  if (Math.abs(v) >= 1_000_000) return `${(v / 1_000_000).toFixed(1)}M`;
  if (Math.abs(v) >= 1_000) return `${(v / 1_000).toFixed(1)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
