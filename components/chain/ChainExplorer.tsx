"use client";

import { useState } from "react";
import type { Chain } from "@/lib/chain/chain";
import { Card } from "@/components/ui/Card";
import { AnomalyList } from "./AnomalyList";
import { ChainGraph } from "./ChainGraph";
import { ChainSummary } from "./ChainSummary";
import { EventDetail } from "./EventDetail";
import { Timeline } from "./Timeline";

type ChainExplorerProps = {
  chain: Chain;
  live: boolean;
  refreshError: Error | null;
};

/** A found chain: the graph and the timeline share one selection and one hover. */
export function ChainExplorer({ chain, live, refreshError }: ChainExplorerProps) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [hoveredId, setHoveredId] = useState<string | null>(null);
  const selected = chain.events.find((event) => event.id === selectedId);

  return (
    <div className="space-y-4">
      <ChainSummary chain={chain} live={live} refreshError={refreshError} />
      <AnomalyList anomalies={chain.anomalies} onSelect={setSelectedId} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card
          title="Causation"
          actions={<span className="text-xs text-slate-400">times in UTC</span>}
          className="min-w-0 lg:sticky lg:top-4 lg:self-start"
        >
          <div className="-m-4">
            <ChainGraph
              events={chain.events}
              edges={chain.edges}
              selectedId={selectedId}
              hoveredId={hoveredId}
              onSelect={setSelectedId}
              onHover={setHoveredId}
            />
          </div>
        </Card>
        <div className="min-w-0 space-y-4">
          <Card
            title="Timeline"
            actions={<span className="text-xs text-slate-400">since the first event</span>}
          >
            <Timeline
              events={chain.events}
              edges={chain.edges}
              selectedId={selectedId}
              hoveredId={hoveredId}
              onSelect={setSelectedId}
              onHover={setHoveredId}
            />
          </Card>
          {selected ? (
            <EventDetail event={selected} onClose={() => setSelectedId(null)} />
          ) : (
            <p className="px-1 text-sm text-slate-500">
              Select an event in the graph or the timeline to see its details.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
