import { CorrelationIdForm } from "@/components/search/CorrelationIdForm";
import { SearchForm } from "@/components/search/SearchForm";

export default function HomePage() {
  return (
    <div className="mx-auto mt-16 max-w-xl space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">What happened to this order?</h1>
        <p className="text-slate-600">
          Find the chain of Kafka records behind one business transaction: which event caused which,
          when each happened, who has read it, and where one ended in a dead-letter queue.
        </p>
      </div>
      <CorrelationIdForm />
      <div className="space-y-2">
        <h2 className="text-sm font-semibold text-slate-700">Or search</h2>
        <SearchForm />
      </div>
    </div>
  );
}
