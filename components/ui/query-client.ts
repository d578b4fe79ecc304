import { QueryClient } from "@tanstack/react-query";
import { isPermanentFailure } from "./fetch-json";

/** How long fetched data counts as fresh before a remount or window focus fetches it again. */
export const staleTime = {
  default: 60_000,
  /** Data the collector may still be writing to, such as a chain in flight. */
  live: 5_000,
} as const;

const MAX_RETRIES = 3;

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: staleTime.default,
        retry: (failureCount, error) => !isPermanentFailure(error) && failureCount < MAX_RETRIES,
      },
    },
  });
}
