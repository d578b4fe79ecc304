import type { Metadata } from "next";
import { DlqBoard } from "@/components/dlq/DlqBoard";
import { hasRole } from "@/lib/auth/roles";
import { BoardFilter } from "@/lib/dlq/board";
import { currentPrincipal } from "@/lib/server/current-principal";

export const metadata: Metadata = { title: "Dead letters" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A filter that does not parse is dropped, so a stale bookmark still opens the board. */
function parseFilter(params: Record<string, string | string[] | undefined>): BoardFilter {
  const filter: Record<string, string> = {};
  for (const name of Object.keys(BoardFilter.shape)) {
    const value = params[name];
    if (typeof value !== "string") continue;
    const field = BoardFilter.shape[name as keyof BoardFilter].safeParse(value);
    if (field.success && field.data !== undefined) filter[name] = field.data;
  }
  return BoardFilter.parse(filter);
}

export default async function DlqPage({ searchParams }: Props) {
  const principal = await currentPrincipal();
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Dead letters</h1>
      <DlqBoard
        filter={parseFilter(await searchParams)}
        canOperate={principal !== null && hasRole(principal.role, "operator")}
      />
    </div>
  );
}
