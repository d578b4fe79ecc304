import type { Metadata } from "next";
import { ContractsTable } from "@/components/contracts/ContractsTable";

export const metadata: Metadata = { title: "Contracts" };

export default function ContractsPage() {
  return <ContractsTable />;
}
