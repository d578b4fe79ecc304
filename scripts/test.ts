import fs from "node:fs";
import path from "node:path";
import { stackDown, stackUp } from "../stack/stack";
import { StackError } from "../stack/errors";
import { stateDir } from "../stack/paths";
import { testIdentities } from "./identities";
import { buildCollector, collectorBundle } from "./build-collector";
import { bin, run, startProcess, stopAll, waitForHttp, type Started } from "./processes";
import { deleteTestIndices, readResults, type SuiteResult } from "./test-results";

/**
 * `npm test`: static checks, unit tests, then one real stack for the integration and end-to-end
 * suites, with a collector and the production build of the app started once for all of them.
 * Ends with a plain "N passed, N failed" line.
 */
const runId = `${Date.now().toString(36)}`;
const resultsDir = path.join(stateDir, "test-results", runId);
const appPort = Number(process.env.CAUSEWAY_TEST_APP_PORT ?? 3100);
const say = (line: string) => console.log(`[test] ${line}`);

async function main(): Promise<number> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const results: SuiteResult[] = [];

  say("static checks: types, lint, format");
  if ((await run("npm", ["run", "--silent", "check"])) !== 0) return fail("static checks failed");

  say("unit tests");
  const unitCode = await run(bin("vitest"), vitestArgs("unit"));
  results.push(readResults("unit", path.join(resultsDir, "unit.json"), unitCode));

  say("building the app and starting the stack");
  const [buildCode, stack] = await Promise.all([
    run(bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" }),
    stackUp(say),
    buildCollector(),
  ]);

  const env = {
    KAFKA_BROKERS: stack.kafkaBrokers,
    ELASTICSEARCH_URL: stack.elasticsearchUrl,
    ...(stack.schemaRegistryUrl ? { SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl } : {}),
    CAUSEWAY_INDEX_PREFIX: `cwtest-${runId}`,
    CAUSEWAY_COLLECTOR_GROUP: `cwtest-${runId}-collector`,
    CAUSEWAY_COLLECTOR_PORT: "0",
    // Test runs share the machine: the standard OTLP port may be some other run's.
    CAUSEWAY_OTLP_PORT: "0",
    CAUSEWAY_TOPIC_REFRESH_MS: "2000",
    // Lag is judged over a short window so the lag tests see STOP and OK within seconds.
    CAUSEWAY_LAG_SAMPLE_MS: "1000",
    CAUSEWAY_LAG_WINDOW_MS: "10000",
    // Learned flows and delivery status on a broker shared with other Causeway collectors.
    CAUSEWAY_FLOWSTATS_INTERVAL_MS: "3000",
    CAUSEWAY_DELIVERY_IGNORE_GROUPS: "^(cw|causeway)",
    CAUSEWAY_APP_URL: `http://127.0.0.1:${appPort}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // Test users and API tokens per role, for the app and for the tests that act as them.
    ...(await testIdentities()),
  };
  const logDir = path.join(resultsDir, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  const processes: Started[] = [];
  try {
    if (buildCode !== 0) return fail("next build failed", results);
    const app = startProcess(
      "app",
      bin("tsx"),
      ["scripts/serve-app.ts", "-p", String(appPort), "-H", "127.0.0.1"],
      { env, logFile: path.join(logDir, "app.log") },
    );
    processes.push(app);
    processes.unshift(
      startProcess("collector", process.execPath, [collectorBundle], {
        env,
        logFile: path.join(logDir, "collector.log"),
      }),
    );
    if (!(await waitForHttp(`${env.CAUSEWAY_APP_URL}/`, 60_000, app))) {
      return fail(
        `the app did not answer on ${env.CAUSEWAY_APP_URL}; see ${logDir}/app.log`,
        results,
      );
    }

    say("integration tests against the real stack");
    const intCode = await run(bin("vitest"), vitestArgs("int"), env);
    results.push(readResults("integration", path.join(resultsDir, "int.json"), intCode));

    say("end-to-end tests in Chromium");
    const e2eJson = path.join(resultsDir, "e2e.json");
    const e2eCode = await run(bin("playwright"), ["test", "--reporter=list,json"], {
      ...env,
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
    });
    results.push(readResults("e2e", e2eJson, e2eCode));
  } finally {
    await stopAll(processes);
    // The run's own prefix, and the prefixes integration tests make with uniqueName().
    for (const prefix of [env.CAUSEWAY_INDEX_PREFIX, "cwint"]) {
      await deleteTestIndices(env.ELASTICSEARCH_URL, prefix).catch(() => undefined);
    }
    if (stack.started.length > 0) await stackDown(say);
  }
  return summarize(results, logDir);
}

function vitestArgs(project: "unit" | "int"): string[] {
  return [
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${path.join(resultsDir, `${project}.json`)}`,
  ];
}

function summarize(results: SuiteResult[], logDir: string): number {
  for (const r of results)
    say(`${r.suite}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const skipped = results.reduce((n, r) => n + r.skipped, 0);
  const broken = results.filter((r) => !r.ok);
  if (broken.length > 0) {
    say(`failing suites: ${broken.map((r) => r.suite).join(", ")}; logs in ${logDir}`);
    // CI keeps only this output, so the servers' own warnings travel with the failure.
    for (const name of ["app", "collector"]) printProblems(path.join(logDir, `${name}.log`));
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return broken.length === 0 && passed > 0 ? 0 : 1;
}

const PROBLEM_LINES = 40;

function printProblems(logFile: string): void {
  const problems = fs.existsSync(logFile)
    ? fs
        .readFileSync(logFile, "utf8")
        .split("\n")
        .filter((line) => /"level":"(warn|error)"|^\s*(Error|at )/.test(line))
    : [];
  if (problems.length === 0) return;
  say(`last warnings and errors of ${path.basename(logFile)}:`);
  for (const line of problems.slice(-PROBLEM_LINES)) console.log(`  ${line}`);
}

function fail(reason: string, results: SuiteResult[] = []): number {
  say(reason);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  console.log(`${passed} passed, 1 failed`);
  return 1;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof StackError ? error.message : error);
    process.exit(1);
  });
