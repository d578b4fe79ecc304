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
  isChainLive,
  isNotFound,
  useChain,
  useRestartChainPolling,
} from "./queries";

export function ChainView({ correlationId }: { correlationId: string }) {
  const query = useChain(correlationId);
  const restartPolling = useRestartChainPolling(correlationId);

  if (query.data) {
    return (
      <ChainExplorer
        key={correlationId}
        chain={query.data}
        live={isChainLive(query.data, query.dataUpdatedAt)}
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
