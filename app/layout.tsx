import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignedInAs } from "@/components/auth/SignedInAs";
import { DlqNavLink } from "@/components/dlq/DlqNavLink";
import { currentPrincipal } from "@/lib/server/current-principal";
import { HeaderSearch } from "@/components/search/SearchForm";
import { Providers } from "./providers";
import "uplot/dist/uPlot.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Causeway", template: "%s · Causeway" },
  description: "What happened to this order? Causation, timeline and DLQs for one correlation id.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const principal = await currentPrincipal();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>
          {/* The header is on every page: prefetching its links on each load had the server
              render five more pages while the page asked for was still loading. */}
          <header className="border-b border-slate-200 bg-white">
            <div className="mx-auto flex h-12 max-w-screen-2xl items-center gap-6 px-4">
              <Link
                href="/"
                prefetch={false}
                className="font-semibold tracking-tight text-slate-900 hover:text-sky-700"
              >
                Causeway
              </Link>
              {principal && (
                <>
                  <nav className="flex items-center gap-6 text-sm">
                    <DlqNavLink />
                    <Link
                      href="/lag"
                      prefetch={false}
                      className="text-slate-700 hover:text-sky-700"
                    >
                      Lag
                    </Link>
                    <Link
                      href="/flows"
                      prefetch={false}
                      className="text-slate-700 hover:text-sky-700"
                    >
                      Flows
                    </Link>
                    <Link
                      href="/contracts"
                      prefetch={false}
                      className="text-slate-700 hover:text-sky-700"
                    >
                      Contracts
                    </Link>
                    <Link
                      href="/audit"
                      prefetch={false}
                      className="text-slate-700 hover:text-sky-700"
                    >
                      Audit
                    </Link>
                  </nav>
                  <HeaderSearch />
                  <SignedInAs principal={principal} />
                </>
              )}
            </div>
          </header>
          <main className="mx-auto max-w-screen-2xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
