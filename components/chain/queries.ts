/** The chain resource: its query keys, its fetch and when to poll it. Raw keys stay in here. */
import { useQuery, useQueryClient, type Query } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { ChainAnswer, type Chain } from "@/lib/chain/chain";
import { ChainDelivery } from "@/lib/chain/delivery";
import { Event } from "@/lib/events/event";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";
import { staleTime } from "@/components/ui/query-client";
import { useIdleAfter } from "@/components/ui/use-idle-after";

export const chainKeys = {
  all: ["chains"] as const,
  detail: (correlationId: string) => [...chainKeys.all, correlationId] as const,
  delivery: (correlationId: string) => [...chainKeys.detail(correlationId), "delivery"] as const,
};

export const eventKeys = {
  detail: (id: string) => ["events", id] as const,
};

/**
 * One record whole (headers, payload, raw value, stack), which the chain lists without. A record
 * never changes once indexed, so it is fetched once per selection and kept.
 */
export function useEventRecord(id: string) {
  return useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: () => fetchJson(`/api/events/${encodeURIComponent(id)}`, Event),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A correlation id nobody has seen yet may belong to a flow whose events are still in flight. */
export const NOT_FOUND_POLL_MS = 2_000;
const NOT_FOUND_POLL_WINDOW_MS = 60_000;
const NOT_FOUND_MAX_POLLS = NOT_FOUND_POLL_WINDOW_MS / NOT_FOUND_POLL_MS;

export const LIVE_POLL_MS = 5_000;
/** A chain whose last event is younger than this may still be growing. */
const LIVE_WINDOW_MS = 2 * 60_000;

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** Whether a not-found chain is still being polled; `errorUpdateCount` counts the 404s so far. */
export function isAwaitingArrival(error: unknown, errorUpdateCount: number): boolean {
  return isNotFound(error) && errorUpdateCount < NOT_FOUND_MAX_POLLS;
}

/**
 * Judged against when the chain was fetched rather than the current time, so rendering stays
 * pure and polling stops at the first fetch that finds the chain quiet.
 */
export function isChainYoung(chain: Chain, fetchedAt: number): boolean {
  const lastAt = chain.stats.lastAt === null ? Number.NaN : Date.parse(chain.stats.lastAt);
  return fetchedAt - lastAt < LIVE_WINDOW_MS;
}

function refetchInterval<Key extends readonly unknown[]>(
  query: Query<Chain, Error, Chain, Key>,
): number | false {
  const { data, dataUpdatedAt, error, errorUpdateCount } = query.state;
  if (data) return isChainYoung(data, dataUpdatedAt) ? LIVE_POLL_MS : false;
  return isAwaitingArrival(error, errorUpdateCount) ? NOT_FOUND_POLL_MS : false;
}

/** While a delivery is pending the chain may still grow, so it is refreshed too. */
export function useChain(correlationId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: chainKeys.detail(correlationId),
    queryFn: () => fetchJson(`/api/chains/${encodeURIComponent(correlationId)}`, ChainAnswer),
    staleTime: staleTime.live,
    refetchInterval: (query) =>
      query.state.data &&
      isDeliveryPending(queryClient.getQueryData(chainKeys.delivery(correlationId)))
        ? LIVE_POLL_MS
        : refetchInterval(query),
  });
}

/**
 * True once the chain's own answer is in (or has failed) and the browser has drawn it. The
 * panels around the chain wait for this, so that neither the request the page is for nor the
 * drawing of its graph shares the one server thread, Elasticsearch and the CPU with theirs.
 */
export function useChainShown(correlationId: string): boolean {
  const queryClient = useQueryClient();
  const settled = useSyncExternalStore(
    (onChange) => queryClient.getQueryCache().subscribe(onChange),
    () => {
      const status = queryClient.getQueryState(chainKeys.detail(correlationId))?.status;
      return status === "success" || status === "error";
    },
    () => false,
  );
  return useIdleAfter(settled);
}

function isDeliveryPending(delivery: ChainDelivery | undefined): boolean {
  return delivery?.pending ?? false;
}

/** Delivery status per event and consumer group; refreshed while the chain is live. */
export function useChainDelivery(correlationId: string, enabled: boolean, live: boolean) {
  return useQuery({
    queryKey: chainKeys.delivery(correlationId),
    queryFn: () =>
      fetchJson(`/api/chains/${encodeURIComponent(correlationId)}/delivery`, ChainDelivery),
    enabled,
    staleTime: staleTime.live,
    refetchInterval: (query) => (live || query.state.data?.pending ? LIVE_POLL_MS : false),
  });
}

/** Forgets the 404s so far, so a manual retry also restarts the minute of polling. */
export function useRestartChainPolling(correlationId: string): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.resetQueries({ queryKey: chainKeys.detail(correlationId), exact: true });
  }, [queryClient, correlationId]);
}
