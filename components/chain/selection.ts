import type { Edge } from "@/lib/chain/chain";
import type { EventSummary } from "@/lib/events/event";

/** What the graph and the timeline share: the same events, and one selection and hover. */
export type ChainSelectionProps = {
  events: readonly EventSummary[];
  edges: readonly Edge[];
  selectedId: string | null;
  hoveredId: string | null;
  onSelect: (id: string) => void;
  onHover: (id: string | null) => void;
};
