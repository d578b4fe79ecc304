/** The search resource: its query keys and its fetch. Raw keys stay in here. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { SearchResponse } from "@/lib/chain/search";
import { fetchJson } from "@/components/ui/fetch-json";
import { staleTime } from "@/components/ui/query-client";
import type { SearchInput } from "./search-params";

export const searchKeys = {
  all: ["search"] as const,
  results: (input: SearchInput) => [...searchKeys.all, input.q, input.from, input.to] as const,
};

export function useSearch(input: SearchInput) {
  const params = new URLSearchParams({ q: input.q });
  if (input.from) params.set("from", input.from);
  if (input.to) params.set("to", input.to);
  return useQuery({
    queryKey: searchKeys.results(input),
    queryFn: () => fetchJson(`/api/search?${params.toString()}`, SearchResponse),
    enabled: input.q.trim() !== "",
    staleTime: staleTime.live,
    placeholderData: keepPreviousData,
  });
}
