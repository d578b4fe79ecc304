import type { Metadata } from "next";
import { GroupLagView } from "@/components/lag/GroupLagView";
import { decodeParam, parseRangePreset } from "@/lib/lag/params";

type GroupLagPageProps = {
  params: Promise<{ group: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: GroupLagPageProps): Promise<Metadata> {
  return { title: `Lag of ${decodeParam((await params).group)}` };
}

export default async function GroupLagPage({ params, searchParams }: GroupLagPageProps) {
  const group = decodeParam((await params).group);
  const range = parseRangePreset((await searchParams).range);
  return <GroupLagView group={group} range={range} />;
}
