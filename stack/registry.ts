import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { StackError } from "./errors";
import { repoRoot, stateDir } from "./paths";
import { isPortInUse, launchServer, readPid, stopServer } from "./process";
import { findJavaHome, findMaven } from "./tools";

/**
 * Apicurio Registry with in-memory storage, built from Maven Central by `stack/registry/pom.xml`
 * and spoken to through its Confluent-compatible API.
 */
export const SCHEMA_REGISTRY_PORT = 8081;
export const localSchemaRegistryUrl = `http://127.0.0.1:${SCHEMA_REGISTRY_PORT}/apis/ccompat/v7`;

const sourceDir = path.join(repoRoot, "stack", "registry");
const registryDir = path.join(stateDir, "schema-registry");
const pidFile = path.join(registryDir, "registry.pid");
// Built once per machine, outside every checkout: the build takes minutes, a fresh clone none.
const buildCache = path.join(os.homedir(), ".cache", "causeway", "schema-registry");

export function schemaRegistryPid(): number | null {
  return readPid(pidFile);
}

export async function startSchemaRegistry(): Promise<"started" | "running"> {
  if (schemaRegistryPid() !== null) return "running";
  if (await isPortInUse(SCHEMA_REGISTRY_PORT)) {
    throw new StackError(
      `Port ${SCHEMA_REGISTRY_PORT} is already in use by another process: stop it, or point Causeway at that registry with SCHEMA_REGISTRY_URL.`,
    );
  }
  const java = path.join(findJavaHome(), "bin", "java");
  const runner = buildRegistry();
  fs.mkdirSync(registryDir, { recursive: true });
  await launchServer({
    name: "The schema registry",
    command: java,
    args: [
      "-Xms128m",
      "-Xmx384m",
      `-Dquarkus.http.port=${SCHEMA_REGISTRY_PORT}`,
      "-Dquarkus.http.host=127.0.0.1",
      "-jar",
      runner,
    ],
    cwd: registryDir,
    env: process.env,
    logFile: path.join(registryDir, "registry.log"),
    pidFile,
    ready: async () => (await fetch(`${localSchemaRegistryUrl}/subjects`)).ok,
    timeoutMs: 240_000,
  });
  return "started";
}

export function stopSchemaRegistry(): Promise<boolean> {
  return stopServer(pidFile, 15_000);
}

/** The runnable jar for the current sources, built into the machine's cache when missing. */
function buildRegistry(): string {
  const target = path.join(buildCache, sourceHash());
  const runner = path.join(target, "target", "schema-registry-1-runner.jar");
  if (fs.existsSync(runner)) return runner;
  // Built beside the cache entry and renamed into place, so a half-finished build is never used.
  const scratch = `${target}.building-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.cpSync(sourceDir, scratch, { recursive: true });
  const result = spawnSync(findMaven(), ["-B", "-q", "package", "-DskipTests"], {
    cwd: scratch,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 15 * 60_000,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-5);
    fs.rmSync(scratch, { recursive: true, force: true });
    throw new StackError(
      `Building the schema registry from Maven Central failed (is it reachable?): ${output.join(" ")}`,
    );
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(scratch, target);
  return runner;
}

function sourceHash(): string {
  const hash = crypto.createHash("sha256");
  const files = fs.readdirSync(sourceDir, { recursive: true, encoding: "utf8" }).sort();
  for (const file of files) {
    const full = path.join(sourceDir, file);
    if (!fs.statSync(full).isFile()) continue;
    hash.update(file).update("\0").update(fs.readFileSync(full)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}
