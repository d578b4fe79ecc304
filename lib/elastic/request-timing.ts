import type { Client } from "@elastic/elasticsearch";

/**
 * The operation of an Elasticsearch request, for metrics: the last `_`-named part of its path
 * (`/events/_search` → `_search`, `/audit/_doc/r1` → `_doc`), never an index name or id; a
 * request on an index itself is its method (`PUT /{index}`).
 */
export function elasticsearchOperation(method: string, path: string): string {
  const named = path
    .split("?")[0]
    ?.split("/")
    .filter((part) => part.startsWith("_"))
    .at(-1);
  return named ? decodeURIComponent(named) : `${method.toUpperCase()} /{index}`;
}

export type RequestObserver = (operation: string, outcome: "ok" | "error", seconds: number) => void;

/** Times every request `client` makes, from the transport's diagnostic events. */
export function timeRequests(client: Client, observe: RequestObserver): void {
  const started = new Map<unknown, number>();
  client.diagnostic.on("request", (_error, result) => {
    if (result) started.set(result.meta.request.id, performance.now());
  });
  client.diagnostic.on("response", (error, result) => {
    if (!result) return;
    const id: unknown = result.meta.request.id;
    const at = started.get(id);
    if (at === undefined) return;
    started.delete(id);
    const { method, path } = result.meta.request.params;
    observe(
      elasticsearchOperation(method, path),
      error ? "error" : "ok",
      (performance.now() - at) / 1000,
    );
  });
}
