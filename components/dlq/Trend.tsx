"use client";

import { useMemo } from "react";
import { TimeSeriesChart } from "@/components/ui/TimeSeriesChart";
import { bucketsToAligned } from "@/lib/chart/series";

const SERIES = [{ label: "dead letters", stroke: "#ef4444", bars: true }];

/** A tiny bar chart of dead letters per time bucket over the board's window. */
export function Trend({
  counts,
  window,
}: {
  counts: readonly number[];
  window: { from: string; to: string };
}) {
  const data = useMemo(
    () => bucketsToAligned(counts, window.from, window.to),
    [counts, window.from, window.to],
  );
  return (
    <div style={{ width: Math.max(48, counts.length * 4) }}>
      <TimeSeriesChart
        data={data}
        series={SERIES}
        unit="records"
        height={18}
        compact
        testId="dlq-trend"
        ariaLabel={`trend: ${counts.join(", ")}`}
      />
    </div>
  );
}
