import type { Metadata } from "next";
import { FlowMap } from "@/components/flows/FlowMap";

export const metadata: Metadata = { title: "Flow map" };

export default function FlowsPage() {
  return <FlowMap />;
}
