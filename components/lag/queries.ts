/** The lag resources: query keys, fetches and polling. Raw keys stay in here. */
import { useQuery } from "@tanstack/react-query";
import { keepNewest } from "@/lib/lag/newest";
import { RANGE_PRESETS, type RangePreset } from "@/lib/lag/params";
import { ChainLag, GroupDetail, LagOverview } from "@/lib/lag/views";
import { fetchJson } from "@/components/ui/fetch-json";

export const lagKeys = {
  all: ["lag"] as const,
  overview: () => [...lagKeys.all, "overview"] as const,
  group: (group: string, range: RangePreset) => [...lagKeys.all, "group", group, range] as const,
  chain: (correlationId: string) => [...lagKeys.all, "chain", correlationId] as const,
};

/** Lag is sampled every few seconds; polling a little faster than that keeps the screen live. */
export const LAG_POLL_MS = 3_000;

export function useLagOverview() {
  return useQuery({
    queryKey: lagKeys.overview(),
    queryFn: () => fetchJson("/api/lag", LagOverview),
    refetchInterval: LAG_POLL_MS,
    staleTime: LAG_POLL_MS,
    structuralSharing: (previous, next) =>
      keepNewest(previous as LagOverview | undefined, next as LagOverview),
  });
}

export function useLagGroup(group: string, range: RangePreset) {
  return useQuery({
    queryKey: lagKeys.group(group, range),
    queryFn: () => {
      const to = Date.now();
      const params = new URLSearchParams({
        from: new Date(to - RANGE_PRESETS[range]).toISOString(),
        to: new Date(to).toISOString(),
      });
      return fetchJson(`/api/lag/${encodeURIComponent(group)}?${params}`, GroupDetail);
    },
    refetchInterval: LAG_POLL_MS,
    staleTime: LAG_POLL_MS,
    placeholderData: (previous) => previous,
    structuralSharing: (previous, next) => {
      const [old, fresh] = [previous as GroupDetail | undefined, next as GroupDetail];
      return old && old.group === fresh.group && Date.parse(old.to) > Date.parse(fresh.to)
        ? old
        : fresh;
    },
  });
}

export function useChainLag(correlationId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: lagKeys.chain(correlationId),
    queryFn: () => fetchJson(`/api/chains/${encodeURIComponent(correlationId)}/lag`, ChainLag),
    refetchInterval: LAG_POLL_MS * 2,
    staleTime: LAG_POLL_MS,
  });
}
