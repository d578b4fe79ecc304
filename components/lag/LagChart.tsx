"use client";

import { useMemo } from "react";
import { TimeSeriesChart } from "@/components/ui/TimeSeriesChart";
import { historyToAligned, orderPartitions } from "@/lib/chart/series";
import type { HistoryPoint } from "@/lib/lag/views";

const PALETTE = [
  "#0284c7",
  "#16a34a",
  "#9333ea",
  "#ea580c",
  "#0891b2",
  "#be123c",
  "#4d7c0f",
  "#a16207",
];

export type LagMetric = "lag" | "lagSeconds";

/**
 * Lag of each partition over time. Problem partitions are drawn thicker and last, so the lines
 * that matter are on top; the legend toggles partitions and a drag zooms to a time range
 * (double-click shows the whole range again).
 */
export function LagChart({
  history,
  metric,
  problems,
}: {
  history: readonly HistoryPoint[];
  metric: LagMetric;
  problems: ReadonlySet<number>;
}) {
  const partitions = useMemo(() => orderPartitions(history, problems), [history, problems]);
  const data = useMemo(
    () => historyToAligned(history, metric, partitions),
    [history, metric, partitions],
  );
  const series = useMemo(
    () =>
      partitions.map((partition) => ({
        label: `partition ${partition}${problems.has(partition) ? " (problem)" : ""}`,
        stroke: PALETTE[partition % PALETTE.length] ?? "#0284c7",
        width: problems.has(partition) ? 2.5 : 1.25,
      })),
    [partitions, problems],
  );
  const unit = metric === "lag" ? "messages" : "seconds";
  return (
    <figure>
      <TimeSeriesChart
        data={data}
        series={series}
        unit={unit}
        height={220}
        testId="lag-chart"
        ariaLabel={`lag in ${unit} per partition over time`}
        dataAttributes={{ "data-metric": metric }}
      />
      <figcaption className="mt-1 text-xs text-slate-500">
        {unit}, UTC · drag to zoom, double-click to reset, click a partition to hide it
      </figcaption>
    </figure>
  );
}
