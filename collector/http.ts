import http from "node:http";
import { CollectorMetrics } from "./metrics";
import type { Probes } from "./probes";

/**
 * `/metrics` (Prometheus text, or OpenMetrics when asked for; `?name[]=…` for some metrics only)
 * and `/healthz` (200 while Elasticsearch and Kafka answer, 503 with the reasons otherwise).
 */
export function startHttpServer(
  port: number,
  metrics: CollectorMetrics,
  probes: Probes,
): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    void answer(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const answer = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://collector");
    if (url.pathname === "/metrics") {
      const names = url.searchParams.getAll("name[]");
      const { contentType, body } = await metrics.expose(
        CollectorMetrics.readsKafka(names) ? await probes.kafkaGauges() : null,
        request.headers.accept,
        names,
      );
      response.writeHead(200, { "content-type": contentType });
      response.end(body);
    } else if (url.pathname === "/healthz") {
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
