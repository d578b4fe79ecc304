"use client";

import { useMemo } from "react";
import { TimeSeriesChart } from "@/components/ui/TimeSeriesChart";
import { valuesToAligned } from "@/lib/chart/series";

/** A small trend line of a series' total lag. */
export function Sparkline({
  values,
  stroke,
  width = 120,
  height = 28,
}: {
  values: readonly number[];
  stroke: string;
  width?: number;
  height?: number;
}) {
  const data = useMemo(() => valuesToAligned(values), [values]);
  const series = useMemo(() => [{ label: "lag", stroke }], [stroke]);
  if (values.length === 0) return <span className="text-xs text-slate-400">no samples</span>;
  const last = values[values.length - 1] ?? 0;
  return (
    <div style={{ width }}>
      <TimeSeriesChart
        data={data}
        series={series}
        unit="messages"
        height={height}
        compact
        timeAxis={false}
        testId="lag-sparkline"
        ariaLabel={`lag trend, last ${last} messages, peak ${Math.max(...values)}`}
      />
    </div>
  );
}
