import http from "node:http";
import type net from "node:net";

/**
 * What the proxy does with traffic: pass it to the server, refuse it (connections reset, as when
 * the server is down), or answer every bulk request 429 with a Retry-After, as an overloaded
 * Elasticsearch does.
 */
export type FaultMode = "pass" | "refuse" | "throttle";

export type HttpFaultProxy = {
  url: string;
  mode(next: FaultMode): void;
  /** Method, path and arrival time (ms) of every bulk request answered 429. */
  throttled: { method: string; path: string; at: number }[];
  close(): Promise<void>;
};

const isBulk = (request: http.IncomingMessage) =>
  request.method === "POST" && /(^|\/)_bulk(\?|$)/.test(request.url ?? "");

/** An HTTP proxy in front of a real server (Elasticsearch) whose faults a test switches on. */
export async function startHttpFaultProxy(
  target: string,
  options: { retryAfterSeconds?: number } = {},
): Promise<HttpFaultProxy> {
  const upstream = new URL(target);
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const agent = new http.Agent({ keepAlive: true });
  const sockets = new Set<net.Socket>();
  const throttled: HttpFaultProxy["throttled"] = [];
  let mode: FaultMode = "pass";

  const server = http.createServer((request, response) => {
    if (mode === "refuse") {
      request.socket.destroy();
      return;
    }
    if (mode === "throttle" && isBulk(request)) {
      throttled.push({ method: request.method ?? "", path: request.url ?? "", at: Date.now() });
      request.resume();
      request.once("end", () => {
        response.writeHead(429, { "content-type": "application/json", "retry-after": retryAfter });
        response.end(
          JSON.stringify({
            error: { type: "es_rejected_execution_exception", reason: "injected by the test" },
            status: 429,
          }),
        );
      });
      return;
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.once("error", () => request.socket.destroy());
    request.pipe(forward);
  });
  server.on("connection", (socket) => {
    if (mode === "refuse") {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    throttled,
    mode(next) {
      mode = next;
      if (next === "refuse") for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
