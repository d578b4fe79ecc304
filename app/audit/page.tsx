import type { Metadata } from "next";
import { AuditLog } from "@/components/dlq/AuditLog";

export const metadata: Metadata = { title: "Audit" };

export default function AuditPage() {
  return <AuditLog />;
}
