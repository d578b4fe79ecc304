/** The contracts pages: their query keys and fetches. Raw keys stay in here. */
import { useQuery } from "@tanstack/react-query";
import { ContractDetail, ContractList } from "@/lib/contracts/contract";
import { fetchJson } from "@/components/ui/fetch-json";
import { staleTime } from "@/components/ui/query-client";

export const contractKeys = {
  all: ["contracts"] as const,
  one: (eventType: string) => ["contracts", eventType] as const,
};

export function useContracts() {
  return useQuery({
    queryKey: contractKeys.all,
    queryFn: () => fetchJson("/api/contracts", ContractList),
    staleTime: staleTime.default,
  });
}

export function useContract(eventType: string) {
  return useQuery({
    queryKey: contractKeys.one(eventType),
    queryFn: () => fetchJson(`/api/contracts/${encodeURIComponent(eventType)}`, ContractDetail),
    staleTime: staleTime.default,
  });
}

export function contractHref(eventType: string): string {
  return `/contracts/${encodeURIComponent(eventType)}`;
}
