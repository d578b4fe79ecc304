/** The comparison resource: its query keys and its fetch. Raw keys stay in here. */
import { useQuery } from "@tanstack/react-query";
import { ChainComparison } from "@/lib/chain/compare";
import { fetchJson } from "@/components/ui/fetch-json";
import { staleTime } from "@/components/ui/query-client";

export const compareKeys = {
  all: ["compare"] as const,
  pair: (a: string, b: string) => [...compareKeys.all, a, b] as const,
};

export function useComparison(a: string, b: string) {
  const params = new URLSearchParams({ a, b });
  return useQuery({
    queryKey: compareKeys.pair(a, b),
    queryFn: () => fetchJson(`/api/compare?${params.toString()}`, ChainComparison),
    enabled: a !== "" && b !== "",
    staleTime: staleTime.live,
  });
}
