import type { Metadata } from "next";
import { preload } from "react-dom";
import { ChainView } from "@/components/chain/ChainView";
import { ChainLagPanel } from "@/components/lag/ChainLagPanel";
import { DeadLetterTriage } from "@/components/dlq/DeadLetterTriage";
import { decodeParam } from "@/lib/http/path-param";

type ChainPageProps = { params: Promise<{ correlationId: string }> };

export async function generateMetadata({ params }: ChainPageProps): Promise<Metadata> {
  const { correlationId } = await params;
  return { title: decodeParam(correlationId) };
}

export default async function ChainPage({ params }: ChainPageProps) {
  const { correlationId } = await params;
  // The browser starts the chain request while it still loads the scripts; the client's fetch
  // of the same URL is then answered from that preload instead of waiting for hydration.
  preload(`/api/chains/${encodeURIComponent(decodeParam(correlationId))}`, {
    as: "fetch",
    crossOrigin: "anonymous",
  });
  return (
    <>
      <DeadLetterTriage correlationId={decodeParam(correlationId)} />
      <ChainView correlationId={decodeParam(correlationId)} />
      <ChainLagPanel correlationId={decodeParam(correlationId)} />
    </>
  );
}
