import type { DeliveryState } from "@/lib/chain/delivery";

/** How each delivery state of an event to a consumer group is shown. */
export const deliveryStyles: Record<DeliveryState, { label: string; dot: string; badge: string }> =
  {
    consumed: {
      label: "consumed",
      dot: "bg-emerald-500",
      badge: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
    },
    pending: {
      label: "pending",
      dot: "bg-amber-400 animate-pulse",
      badge: "bg-amber-50 text-amber-800 ring-amber-600/30",
    },
    "dead-lettered": {
      label: "dead-lettered",
      dot: "bg-red-600",
      badge: "bg-red-600 text-white ring-red-700",
    },
    "no-subscriber": {
      label: "no subscriber",
      dot: "bg-slate-300",
      badge: "bg-slate-100 text-slate-600 ring-slate-400/40",
    },
  };
