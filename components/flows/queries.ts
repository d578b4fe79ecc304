/** The learned flow map: its query keys and its fetch. Raw keys stay in here. */
import { useQuery } from "@tanstack/react-query";
import { FlowStats } from "@/lib/chain/flows";
import { fetchJson } from "@/components/ui/fetch-json";
import { staleTime } from "@/components/ui/query-client";

export const flowKeys = { all: ["flows"] as const };

export function useFlows() {
  return useQuery({
    queryKey: flowKeys.all,
    queryFn: () => fetchJson("/api/flows", FlowStats),
    staleTime: staleTime.default,
  });
}
