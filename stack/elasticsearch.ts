import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { StackError } from "./errors";
import { resolveDependencies } from "./maven";
import { elasticsearchDir, mavenDir } from "./paths";
import { isPortInUse, launchServer, readPid, stopServer } from "./process";
import { findJavaHome } from "./tools";

/**
 * Single Elasticsearch node from the integ-test distribution on Maven Central. It refuses to
 * run as root, so as root it runs as a dedicated system user that owns its directories.
 */
export const ELASTICSEARCH_PORT = 9200;
const SERVICE_USER = "causeway-es";
const pidFile = path.join(elasticsearchDir, "elasticsearch.pid");
const logFile = path.join(elasticsearchDir, "elasticsearch.out");
const distDir = path.join(elasticsearchDir, "dist");
const confDir = path.join(elasticsearchDir, "config");

const settings = `cluster.name: causeway-local
node.name: causeway-local-0
discovery.type: single-node
network.host: 127.0.0.1
http.port: ${ELASTICSEARCH_PORT}
path.data: ${path.join(elasticsearchDir, "data")}
path.logs: ${path.join(elasticsearchDir, "logs")}
xpack.security.enabled: false
# A development node on a shared disk must not turn read-only because the disk is fairly full.
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
`;

export function elasticsearchPid(): number | null {
  return readPid(pidFile);
}

export async function startElasticsearch(): Promise<"started" | "running"> {
  if (elasticsearchPid() !== null) return "running";
  if (await isPortInUse(ELASTICSEARCH_PORT)) {
    throw new StackError(
      `Port ${ELASTICSEARCH_PORT} is already in use by another process: stop it, or point Causeway at that node with KAFKA_BROKERS and ELASTICSEARCH_URL.`,
    );
  }
  const javaHome = findJavaHome();
  const [zip] = resolveDependencies(
    path.join(mavenDir, "elasticsearch.pom.xml"),
    path.join(elasticsearchDir, "artifact.txt"),
  );
  if (!zip) throw new StackError("Maven resolved no Elasticsearch distribution.");
  unpack(zip);

  fs.mkdirSync(confDir, { recursive: true });
  for (const file of ["jvm.options", "log4j2.properties"]) {
    fs.copyFileSync(path.join(distDir, "config", file), path.join(confDir, file));
  }
  fs.mkdirSync(path.join(confDir, "jvm.options.d"), { recursive: true });
  fs.writeFileSync(path.join(confDir, "elasticsearch.yml"), settings);

  const asRoot = process.getuid?.() === 0;
  if (asRoot) prepareServiceUser();
  const env = {
    ...process.env,
    ES_JAVA_HOME: javaHome,
    ES_PATH_CONF: confDir,
    ES_JAVA_OPTS: "-Xms512m -Xmx768m",
  };
  const bin = path.join(distDir, "bin", "elasticsearch");
  const [command, args] = asRoot
    ? ["runuser", ["-u", SERVICE_USER, "--", bin]]
    : [bin, [] as string[]];
  const health = `http://127.0.0.1:${ELASTICSEARCH_PORT}/_cluster/health?wait_for_status=yellow&timeout=1s`;
  await launchServer({
    name: "Elasticsearch",
    command,
    args,
    cwd: elasticsearchDir,
    env,
    logFile,
    pidFile,
    ready: async () => (await fetch(health)).ok,
    timeoutMs: 120_000,
  });
  return "started";
}

export function stopElasticsearch(): Promise<boolean> {
  return stopServer(pidFile, 30_000);
}

function unpack(zip: string): void {
  const version = path.basename(zip, ".zip");
  const marker = path.join(distDir, ".unpacked-from");
  if (fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === version) return;
  fs.rmSync(distDir, { recursive: true, force: true });
  const staging = path.join(elasticsearchDir, "unpack");
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const unzip = spawnSync("unzip", ["-q", zip, "-d", staging], { encoding: "utf8" });
  if (unzip.error || unzip.status !== 0) {
    throw new StackError(
      `Could not unpack ${zip} (is \`unzip\` installed? \`apt-get install unzip\`): ${unzip.error?.message ?? unzip.stderr.trim()}`,
    );
  }
  const [top] = fs.readdirSync(staging);
  if (!top) throw new StackError(`${zip} is empty.`);
  fs.renameSync(path.join(staging, top), distDir);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.writeFileSync(marker, version);
}

function prepareServiceUser(): void {
  const exists = spawnSync("id", ["-u", SERVICE_USER]).status === 0;
  if (!exists) {
    const add = spawnSync(
      "useradd",
      ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER],
      { encoding: "utf8" },
    );
    if (add.status !== 0) {
      throw new StackError(
        `Elasticsearch refuses to run as root and the user ${SERVICE_USER} could not be created: ${add.stderr.trim()}`,
      );
    }
  }
  for (const dir of ["data", "logs"])
    fs.mkdirSync(path.join(elasticsearchDir, dir), { recursive: true });
  spawnSync("chown", ["-R", SERVICE_USER, elasticsearchDir]);
  const canReach = spawnSync("runuser", [
    "-u",
    SERVICE_USER,
    "--",
    "test",
    "-r",
    path.join(confDir, "elasticsearch.yml"),
  ]);
  if (canReach.status !== 0) {
    throw new StackError(
      `The user ${SERVICE_USER} cannot read ${elasticsearchDir}: a parent folder of the checkout is closed to other users; clone Causeway somewhere world-readable (for example under /work or /opt).`,
    );
  }
}
