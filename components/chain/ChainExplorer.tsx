"use client";

import { useCallback, useMemo, useState } from "react";
import type { Chain } from "@/lib/chain/chain";
import type { ChainDelivery } from "@/lib/chain/delivery";
import { Card } from "@/components/ui/Card";
import { AnomalyList } from "./AnomalyList";
import { ChainGraph } from "./ChainGraph";
import { ChainSummary, type Liveness } from "./ChainSummary";
import { EventDetail } from "./EventDetail";
import { Timeline } from "./Timeline";

type ChainExplorerProps = {
  chain: Chain;
  delivery: ChainDelivery | null;
  live: Liveness | null;
  refreshError: Error | null;
};

const NO_FLAGS: ReadonlySet<string> = new Set();

/**
 * A found chain: summary, anomalies, then the graph and the waterfall side by side sharing one
 * selection and one hover, with the selected event's detail under the waterfall. Panels other
 * screens contribute go into the sections below as siblings.
 */
export function ChainExplorer({ chain, delivery, live, refreshError }: ChainExplorerProps) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [hoveredId, setHoveredId] = useState<string | null>(null);
  const [flaggedIds, setFlaggedIds] = useState<ReadonlySet<string>>(NO_FLAGS);
  const selected = chain.events.find((event) => event.id === selectedId);

  const deliveryById = useMemo(
    () => new Map((delivery?.events ?? []).map((entry) => [entry.id, entry])),
    [delivery],
  );
  const deliveryStates = useMemo(
    () => new Map([...deliveryById].map(([id, entry]) => [id, entry.state])),
    [deliveryById],
  );

  const select = useCallback((id: string) => setSelectedId(id), []);
  const selectAnomalyEvents = useCallback((ids: readonly string[]) => {
    setFlaggedIds(new Set(ids));
    setSelectedId(ids[0] ?? null);
  }, []);

  return (
    <div className="space-y-4">
      <ChainSummary chain={chain} live={live} refreshError={refreshError} />
      <AnomalyList
        anomalies={chain.anomalies}
        events={chain.events}
        learnedFrom={chain.learnedFrom}
        onSelectEvents={selectAnomalyEvents}
        onSelectEvent={select}
      />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card
          title="Causation"
          actions={<span className="text-xs text-slate-400">colour stripe = service</span>}
          className="min-w-0 lg:sticky lg:top-4 lg:self-start"
        >
          <div className="-m-4">
            <ChainGraph
              events={chain.events}
              edges={chain.edges}
              criticalPath={chain.timing.criticalPath}
              selectedId={selectedId}
              hoveredId={hoveredId}
              flaggedIds={flaggedIds}
              onSelect={select}
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
              timing={chain.timing}
              deliveryStates={deliveryStates}
              selectedId={selectedId}
              hoveredId={hoveredId}
              onSelect={select}
              onHover={setHoveredId}
            />
          </Card>
          {selected ? (
            <EventDetail
              event={selected}
              delivery={deliveryById.get(selected.id) ?? null}
              offsetsReadAt={delivery?.offsetsReadAt ?? null}
              onClose={() => setSelectedId(null)}
            />
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
