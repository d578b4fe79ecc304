import http from "node:http";
import type { CollectorMetrics } from "./metrics";
import type { Probes } from "./probes";

/**
 * `/metrics` (Prometheus text) and `/healthz` (200 while Elasticsearch and Kafka answer, 503 with
 * the reasons otherwise).
 */
export function startHttpServer(
  port: number,
  metrics: CollectorMetrics,
  probes: Probes,
): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    void answer(request.url ?? "", response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const answer = async (url: string, response: http.ServerResponse) => {
    if (url === "/metrics") {
      const body = metrics.render(await probes.kafkaGauges());
      response.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
      response.end(body);
    } else if (url === "/healthz") {
      const { healthy, reasons } = await probes.health();
      response.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          status: healthy ? "ok" : "unhealthy",
          reasons,
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
  };
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
