import type { Metadata } from "next";
import { LagOverviewTable } from "@/components/lag/LagOverviewTable";

export const metadata: Metadata = { title: "Consumer lag" };

export default function LagPage() {
  return <LagOverviewTable />;
}
