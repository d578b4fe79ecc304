import fs from "node:fs";
import path from "node:path";
import { StackError } from "../stack/errors";
import { repoRoot, stateDir } from "../stack/paths";
import { stackDown, stackUp } from "../stack/stack";
import { writeDevCredentials } from "../lib/auth/dev-credentials";
import { devOperator, withDevOperator, type Identity } from "./identities";
import { buildCollector, collectorBundle } from "./build-collector";
import { bin, run, startProcess, stopAll, waitForHttp, type Started } from "./processes";

/**
 * `npm start`: the stack, the collector, the demo shop and the production build of the app,
 * then where to look. Ctrl-C stops what this command started, in reverse order.
 */
const say = (line: string) => console.log(`[causeway] ${line}`);
const port = Number(process.env.PORT ?? 3000);
const logDir = path.join(stateDir, "logs");
const devCredentialsFile = path.join(stateDir, "dev-credentials.json");

async function main(): Promise<void> {
  fs.mkdirSync(logDir, { recursive: true });
  const stack = await stackUp(say);
  const processes: Started[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping the app, the demo and the collector");
    await stopAll(processes);
    fs.rmSync(devCredentialsFile, { force: true });
    if (stack.started.length > 0) await stackDown(say);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  if (needsBuild()) {
    say("building the app (next build); this takes a minute the first time");
    if ((await run(bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" })) !== 0) {
      say("next build failed: see the output above.");
      return stop(1);
    }
  }
  // It takes under a second, so always: the bundle is never older than the sources.
  await buildCollector();

  // A development operator exists only on the local stack; elsewhere sign-in is configured.
  fs.rmSync(devCredentialsFile, { force: true });
  const dev = stack.local ? devOperator() : null;
  const env = {
    KAFKA_BROKERS: stack.kafkaBrokers,
    ELASTICSEARCH_URL: stack.elasticsearchUrl,
    ...(stack.schemaRegistryUrl ? { SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl } : {}),
    NEXT_TELEMETRY_DISABLED: "1",
    ...(dev ? await withDevOperator(process.env, dev) : {}),
  };
  const worthLooking: { correlationId: string; outcome: string }[] = [];
  const demoLog = fs.createWriteStream(path.join(logDir, "demo.log"), { flags: "a" });
  processes.push(
    startProcess("app", bin("tsx"), ["scripts/serve-app.ts", "-p", String(port)], {
      env,
      logFile: path.join(logDir, "app.log"),
    }),
    startProcess("demo", bin("tsx"), ["demo/main.ts"], {
      env,
      onLine: (line) => {
        demoLog.write(`${line}\n`);
        const entry = parseJson(line);
        if (entry?.msg === "correlation id worth looking at") {
          worthLooking.push({
            correlationId: String(entry.correlationId),
            outcome: String(entry.outcome),
          });
        }
      },
    }),
    startProcess("collector", process.execPath, [collectorBundle], {
      env,
      logFile: path.join(logDir, "collector.log"),
    }),
  );
  for (const started of processes) {
    void started.exited.then((code) => {
      if (!stopping) {
        say(`${started.name} exited (${code}); see ${path.join(logDir, `${started.name}.log`)}`);
        void stop(1);
      }
    });
  }

  const url = `http://localhost:${port}`;
  if (!(await waitForHttp(url, 60_000))) {
    say(`the app did not answer on ${url}; see ${path.join(logDir, "app.log")}`);
    return stop(1);
  }
  const deadline = Date.now() + 60_000;
  while (worthLooking.length < 4 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250));

  say(`Causeway is running: ${url}`);
  if (dev) announceDevOperator(dev, url);
  say("Paste one of these correlation IDs from the demo shop:");
  for (const { correlationId, outcome } of worthLooking) {
    say(`  ${correlationId}   (${outcome})   ${url}/chains/${encodeURIComponent(correlationId)}`);
  }
  say(`Logs: ${path.relative(repoRoot, logDir)}/. Ctrl-C stops everything this command started.`);
}

/** Prints how to sign in and writes the credentials, readable only by this user, for scripts. */
function announceDevOperator(dev: Identity, url: string): void {
  const { username, password, token } = dev;
  writeDevCredentials(devCredentialsFile, { username, password, token });
  const file = path.relative(repoRoot, devCredentialsFile);
  say(`Sign in as ${username} with password ${password} (development operator, this run only).`);
  say(
    `Credentials and an API token are in ${file}: curl -H "Authorization: Bearer $(jq -r .token ${file})" ${url}/api/auth/session`,
  );
}

function needsBuild(): boolean {
  const buildId = path.join(repoRoot, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return ["app", "components", "lib"].some((dir) => newerThan(path.join(repoRoot, dir), builtAt));
}

function newerThan(dir: string, time: number): boolean {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).some((entry) => {
    return entry.isFile() && fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs > time;
  });
}

function parseJson(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof StackError ? error.message : error);
  process.exit(1);
});
