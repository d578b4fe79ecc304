import http from "node:http";
import type { CollectorMetrics } from "./metrics";

/** `/metrics` (Prometheus text) and `/healthz` (200 while Elasticsearch takes our writes). */
export function startHttpServer(port: number, metrics: CollectorMetrics): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.url === "/metrics") {
      response.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      response.end(metrics.render());
    } else if (request.url === "/healthz") {
      const healthy = metrics.elasticsearchUp === 1;
      response.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          status: healthy ? "ok" : "elasticsearch unavailable",
          recordsIndexed: metrics.recordsIndexed,
          lastIndexedAt: metrics.lastIndexedAt
            ? new Date(metrics.lastIndexedAt).toISOString()
            : null,
        }),
      );
    } else {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "not found: try /metrics or /healthz" }));
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
