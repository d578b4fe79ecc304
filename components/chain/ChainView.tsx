"use client";

import { ApiError } from "@/components/ui/fetch-json";
import { ChainExplorer } from "./ChainExplorer";
import {
  ChainLoadFailed,
  ChainLoading,
  ChainNotFound,
  InvalidCorrelationId,
} from "./ChainFallbacks";
import {
  isAwaitingArrival,
  isChainYoung,
  isNotFound,
  useChain,
  useChainDelivery,
  useChainShown,
  useRestartChainPolling,
} from "./queries";

export function ChainView({ correlationId }: { correlationId: string }) {
  const query = useChain(correlationId);
  const young = query.data ? isChainYoung(query.data, query.dataUpdatedAt) : false;
  const shown = useChainShown(correlationId);
  const delivery = useChainDelivery(correlationId, shown && query.data !== undefined, young);
  const restartPolling = useRestartChainPolling(correlationId);

  if (query.data) {
    const pending = delivery.data?.pending ?? false;
    return (
      <ChainExplorer
        key={correlationId}
        chain={query.data}
        delivery={delivery.data ?? null}
        live={young || pending ? { young, pending } : null}
        refreshError={query.error}
      />
    );
  }
  if (query.isPending) return <ChainLoading correlationId={correlationId} />;

  const { error } = query;
  if (isNotFound(error)) {
    return (
      <ChainNotFound
        correlationId={correlationId}
        polling={isAwaitingArrival(error, query.errorUpdateCount)}
        onRetry={restartPolling}
      />
    );
  }
  if (error instanceof ApiError && error.status === 400) {
    return <InvalidCorrelationId message={error.message} />;
  }
  return <ChainLoadFailed message={error.message} onRetry={() => void query.refetch()} />;
}
