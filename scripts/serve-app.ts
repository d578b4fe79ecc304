import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { PEER_HEADER, PEER_STAMP_ENV } from "../lib/auth/authorize";
import { ConfigError, loadConfig } from "../lib/config/config";
import { httpRequestSeconds } from "../lib/server/app-metrics";
import { routeMatcher, type RoutesManifest } from "../lib/server/route-patterns";
import { staticAssets } from "../lib/server/static-assets";

/**
 * The app's HTTP server: the production build of Next behind a plain Node server, for one reason
 * `next start` cannot serve: trusted-proxy sign-in must know which address a request really came
 * from, so this server stamps the socket's peer address on every request, replacing whatever a
 * client sent under that name. It also refuses to start without a session secret, and serves the
 * build's hashed assets itself, compressed once (lib/server/static-assets.ts), and times every
 * answer by route for /metrics.
 */
const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;

function refuse(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  try {
    const { auth } = loadConfig(process.env);
    if (!auth.sessionSecret) {
      refuse(
        "CAUSEWAY_SESSION_SECRET is not set: Causeway does not serve without it. Set it to a random " +
          "string of 32 characters or more, e.g. `openssl rand -base64 48`.",
      );
    }
    if (auth.mode === "local" && auth.users.length === 0 && auth.apiTokens.length === 0) {
      console.warn("No users (CAUSEWAY_USERS) or API tokens configured: nobody can sign in.");
    }
  } catch (error) {
    refuse(error instanceof ConfigError ? error.message : String(error));
  }
  const env = process.env as Record<string, string>;
  env.NODE_ENV = "production";
  const stamp = randomBytes(16).toString("hex");
  env[PEER_STAMP_ENV] = stamp;
  const { default: next } = await import("next");
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const assets = staticAssets(path.join(process.cwd(), ".next", "static"));
  const routeOf = routeMatcher(
    JSON.parse(
      readFileSync(path.join(process.cwd(), ".next", "routes-manifest.json"), "utf8"),
    ) as RoutesManifest,
  );
  const server = createServer((req, res) => {
    const started = performance.now();
    res.once("finish", () => {
      const route = routeOf(new URL(req.url ?? "/", "http://app").pathname);
      const labels = { method: req.method ?? "GET", route, status: String(res.statusCode) };
      httpRequestSeconds.observe(labels, (performance.now() - started) / 1000);
    });
    req.headers[PEER_HEADER] = `${stamp} ${req.socket.remoteAddress ?? ""}`;
    void assets(req, res).then((served) => (served ? undefined : handle(req, res)));
  });
  server.listen(port, hostname, () => {
    console.log(`Causeway app listening on http://${hostname ?? "localhost"}:${port}`);
  });
  const close = () => server.close(() => process.exit(0));
  process.on("SIGTERM", close);
  process.on("SIGINT", close);
}

void main();
