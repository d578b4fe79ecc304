/** What happened to an event, and the one palette every screen uses to show it. */
export type Status = "ok" | "retried" | "dead-lettered" | "missing";

type StatusStyle = {
  label: string;
  /** Border and fill of a graph node. */
  node: string;
  badge: string;
  /** Fill of a timeline marker. */
  marker: string;
  /** Tint of a list row. */
  row: string;
  /** SVG stroke of an edge leading into the event. */
  edge: string;
};

export const statusStyles: Record<Status, StatusStyle> = {
  ok: {
    label: "OK",
    node: "border-slate-300 bg-white",
    badge: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
    marker: "bg-emerald-500",
    row: "",
    edge: "#94a3b8",
  },
  retried: {
    label: "Retried",
    node: "border-amber-400 bg-amber-50",
    badge: "bg-amber-50 text-amber-800 ring-amber-600/30",
    marker: "bg-amber-500",
    row: "bg-amber-50/60",
    edge: "#d97706",
  },
  "dead-lettered": {
    label: "DLQ",
    node: "border-red-600 bg-red-50 border-2",
    badge: "bg-red-600 text-white ring-red-700",
    marker: "bg-red-600",
    row: "bg-red-50 text-red-900",
    edge: "#dc2626",
  },
  missing: {
    label: "Missing",
    node: "border-dashed border-slate-400 bg-slate-50 text-slate-500",
    badge: "bg-slate-100 text-slate-600 ring-slate-400/40",
    marker: "bg-slate-400",
    row: "",
    edge: "#94a3b8",
  },
};

/** Services get a stable colour each, from their name, so one service looks the same everywhere. */
const SERVICE_COLOURS = [
  "#0ea5e9",
  "#8b5cf6",
  "#14b8a6",
  "#f59e0b",
  "#ec4899",
  "#6366f1",
  "#84cc16",
  "#f97316",
] as const;

export function serviceColour(service: string | null): string {
  if (service === null) return "#cbd5e1";
  let hash = 0;
  for (const char of service) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return SERVICE_COLOURS[hash % SERVICE_COLOURS.length] ?? "#cbd5e1";
}

/** Where the time went, as drawn on a waterfall bar. */
export const timeSplitStyles = {
  retryMs: { label: "DLQ / retry", fill: "bg-red-400" },
  queueWaitMs: { label: "queue wait", fill: "bg-slate-300" },
  processingMs: { label: "processing", fill: "bg-sky-500" },
} as const;

/** Critical path highlight, shared by the graph's edges and the waterfall. */
export const criticalColour = "#4f46e5";
