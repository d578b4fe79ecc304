"use client";

import "@/components/ui/zod-jitless";
import { QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useState, type ReactNode } from "react";
import { makeQueryClient } from "@/components/ui/query-client";

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created on first render and kept across navigations.
  const [queryClient] = useState(makeQueryClient);
  return (
    <NuqsAdapter>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </NuqsAdapter>
  );
}
