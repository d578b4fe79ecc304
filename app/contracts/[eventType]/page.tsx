import type { Metadata } from "next";
import { ContractView } from "@/components/contracts/ContractView";
import { decodeParam } from "@/lib/http/path-param";

type ContractPageProps = { params: Promise<{ eventType: string }> };

export async function generateMetadata({ params }: ContractPageProps): Promise<Metadata> {
  const { eventType } = await params;
  return { title: `${decodeParam(eventType)} · contract` };
}

export default async function ContractPage({ params }: ContractPageProps) {
  const { eventType } = await params;
  return <ContractView eventType={decodeParam(eventType)} />;
}
