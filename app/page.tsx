import { CorrelationIdForm } from "@/components/search/CorrelationIdForm";

export default function HomePage() {
  return (
    <div className="mx-auto mt-16 max-w-xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">What happened to this order?</h1>
        <p className="text-slate-600">
          Paste a correlation id to see every Kafka record that carried it: which event caused
          which, when each happened, and where one ended in a dead-letter queue.
        </p>
      </div>
      <CorrelationIdForm />
    </div>
  );
}
