import type { LagStatus } from "@/lib/lag/status";
import type { Presence } from "@/lib/lag/views";

/** The lag statuses' palette, defined once for every lag screen. */
export const lagStatusStyles: Record<LagStatus, { badge: string; stroke: string }> = {
  OK: { badge: "bg-emerald-50 text-emerald-800 ring-emerald-600/30", stroke: "#059669" },
  WARN: { badge: "bg-amber-50 text-amber-800 ring-amber-600/30", stroke: "#d97706" },
  STALL: { badge: "bg-orange-100 text-orange-900 ring-orange-600/40", stroke: "#ea580c" },
  REWIND: { badge: "bg-violet-50 text-violet-800 ring-violet-600/30", stroke: "#7c3aed" },
  STOP: { badge: "bg-red-600 text-white ring-red-700", stroke: "#dc2626" },
  ERR: { badge: "bg-slate-900 text-white ring-slate-900", stroke: "#0f172a" },
};

export const presenceLabels: Record<Presence, string | null> = {
  active: null,
  "no-members": "no members",
  vanished: "vanished · last known",
};

export function formatLagSeconds(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function formatCount(n: number | null): string {
  return n === null ? "—" : n.toLocaleString("en-US");
}
