/** The DLQ resources: query keys, fetches and mutations. Raw keys stay in here. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import type { GroupReplayRequest, ReplayRequest, TriageRequest } from "@/lib/dlq/api";
import { AuditEntry, ReplayAudit } from "@/lib/dlq/audit";
import { type BoardFilter, DeadLetterBoard, DeadLetterRecord, DlqSummary } from "@/lib/dlq/board";
import { Triage } from "@/lib/dlq/triage";
import { type ReplayOptions, ReplayPlan } from "@/lib/replay/plan";
import { fetchJson, postJson } from "@/components/ui/fetch-json";
import { staleTime } from "@/components/ui/query-client";

export const dlqKeys = {
  all: ["dlq"] as const,
  board: (filter: BoardFilter) => [...dlqKeys.all, "board", filter] as const,
  records: (fingerprint: string, filter: BoardFilter) =>
    [...dlqKeys.all, "records", fingerprint, filter] as const,
  chain: (correlationId: string) => [...dlqKeys.all, "chain", correlationId] as const,
  summary: () => [...dlqKeys.all, "summary"] as const,
  audit: () => [...dlqKeys.all, "audit"] as const,
};

const POLL_MS = 10_000;

export function filterQuery(filter: BoardFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function useBoard(filter: BoardFilter) {
  return useQuery({
    queryKey: dlqKeys.board(filter),
    queryFn: () => fetchJson(`/api/dlq${filterQuery(filter)}`, DeadLetterBoard),
    staleTime: staleTime.live,
    refetchInterval: POLL_MS,
  });
}

const Records = z.object({ records: z.array(DeadLetterRecord) });

export function useGroupRecords(fingerprint: string, filter: BoardFilter) {
  return useQuery({
    queryKey: dlqKeys.records(fingerprint, filter),
    queryFn: () =>
      fetchJson(`/api/dlq/groups/${fingerprint}/records${filterQuery(filter)}`, Records).then(
        (body) => body.records,
      ),
    staleTime: staleTime.live,
  });
}

export function useChainDeadLetters(correlationId: string) {
  return useQuery({
    queryKey: dlqKeys.chain(correlationId),
    queryFn: () =>
      fetchJson(`/api/dlq/chains/${encodeURIComponent(correlationId)}`, Records).then(
        (body) => body.records,
      ),
    staleTime: staleTime.live,
    refetchInterval: POLL_MS,
  });
}

export function useDlqSummary() {
  return useQuery({
    queryKey: dlqKeys.summary(),
    queryFn: () => fetchJson("/api/dlq/summary", DlqSummary),
    staleTime: staleTime.live,
    refetchInterval: POLL_MS,
  });
}

export function useAudit() {
  return useQuery({
    queryKey: dlqKeys.audit(),
    queryFn: () =>
      fetchJson("/api/audit?size=500", z.object({ entries: z.array(AuditEntry) })).then(
        (body) => body.entries,
      ),
    staleTime: staleTime.live,
  });
}

/** Every DLQ view depends on triage and replays, so writes refresh the whole DLQ prefix. */
function useInvalidateDlq() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: dlqKeys.all });
}

export function useTriageMutation() {
  const invalidate = useInvalidateDlq();
  return useMutation({
    mutationFn: (request: TriageRequest) =>
      postJson("/api/dlq/triage", request, z.object({ triages: z.array(Triage) })),
    onSuccess: invalidate,
  });
}

export const DryRun = z.object({
  plan: ReplayPlan,
  generation: z.number(),
  idempotencyKey: z.string(),
});
export type DryRun = z.infer<typeof DryRun>;

export function useReplayDryRun() {
  return useMutation({
    mutationFn: (options: ReplayOptions) => postJson("/api/dlq/replay/dry-run", options, DryRun),
  });
}

const ReplayOutcome = z.object({ entry: ReplayAudit, plan: ReplayPlan, duplicate: z.boolean() });

export function useReplayMutation() {
  const invalidate = useInvalidateDlq();
  return useMutation({
    mutationFn: (request: ReplayRequest) => postJson("/api/dlq/replay", request, ReplayOutcome),
    onSettled: invalidate,
  });
}

export const GroupReplayResult = z.object({
  recordId: z.string(),
  status: z.enum(["planned", "produced", "duplicate", "refused", "conflict", "failed"]),
  message: z.string().nullable(),
  generation: z.number().nullable(),
  warnings: z.array(z.string()),
  entry: ReplayAudit.nullable(),
});
export type GroupReplayResult = z.infer<typeof GroupReplayResult>;
const GroupResults = z.object({ results: z.array(GroupReplayResult) });

export function useGroupReplayDryRun(fingerprint: string) {
  return useMutation({
    mutationFn: (request: Omit<GroupReplayRequest, "records">) =>
      postJson(`/api/dlq/groups/${fingerprint}/replay/dry-run`, request, GroupResults),
  });
}

export function useGroupReplayMutation(fingerprint: string) {
  const invalidate = useInvalidateDlq();
  return useMutation({
    mutationFn: (request: GroupReplayRequest) =>
      postJson(`/api/dlq/groups/${fingerprint}/replay`, request, GroupResults),
    onSettled: invalidate,
  });
}
