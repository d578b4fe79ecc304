import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";
import { resolveDependencies } from "../../stack/maven";
import { repoRoot, stateDir } from "../../stack/paths";
import { findJavaHome } from "../../stack/tools";

/**
 * Runs the real Java clients of `stack/clients/` (Spring Kafka's retry topics and dead-letter
 * recoverer, a Kafka Connect worker with a DLQ) in one JVM against the broker. Their jars come
 * from Maven Central into ~/.m2; the harness is compiled under `.causeway/clients/`.
 */
const clientsDir = path.join(repoRoot, "stack", "clients");
const sourceDir = path.join(clientsDir, "src");
const buildDir = path.join(stateDir, "clients");

/** A dead letter as the Java client read it back: headers in wire order, values base64. */
export const JavaDeadLetter = z.object({
  topic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  timestamp: z.string(),
  headers: z.array(z.tuple([z.string(), z.string().nullable()])),
});
export type JavaDeadLetter = z.infer<typeof JavaDeadLetter>;

export type RealClientsRun = {
  brokers: string;
  /** Records already produced here go through `@RetryableTopic` to `<springTopic>-dlt`. */
  springTopic: string;
  springDeadLetters: number;
  /** Records already produced here fail in Connect's JsonConverter and go to `connectDlqTopic`. */
  connectTopic: string;
  connectDlqTopic: string;
  connectorName: string;
  connectDeadLetters: number;
};

/** Spring's names, from `@RetryableTopic(attempts = 3, backoff = 300 ms × 2)`. */
export const springTopics = (topic: string) => ({
  retries: [`${topic}-retry-300`, `${topic}-retry-600`],
  deadLetter: `${topic}-dlt`,
});

const exec = promisify(execFile);

export async function runRealClients(run: RealClientsRun): Promise<JavaDeadLetter[]> {
  const javaBin = path.join(findJavaHome(), "bin");
  const classpath = resolveDependencies(
    path.join(clientsDir, "real-clients.pom.xml"),
    path.join(buildDir, "classpath.txt"),
  ).join(path.delimiter);
  const classes = await compiled(javaBin, classpath);
  const workDir = fs.mkdtempSync(path.join(buildDir, "run-"));
  try {
    const { stdout } = await exec(
      path.join(javaBin, "java"),
      [
        "-Xmx512m",
        `-Dlog4j.configuration=file:${path.join(clientsDir, "log4j.properties")}`,
        "-cp",
        [classes, classpath].join(path.delimiter),
        "dev.causeway.clients.RealClients",
        run.brokers,
        run.springTopic,
        String(run.springDeadLetters),
        run.connectTopic,
        run.connectDlqTopic,
        run.connectorName,
        String(run.connectDeadLetters),
        workDir,
      ],
      { timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JavaDeadLetter.parse(JSON.parse(line)));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** Compiles the harness once per version of its sources. */
async function compiled(javaBin: string, classpath: string): Promise<string> {
  const sources = fs
    .readdirSync(sourceDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".java"))
    .sort()
    .map((file) => path.join(sourceDir, file));
  const hash = createHash("sha256");
  for (const file of sources) hash.update(file).update(fs.readFileSync(file));
  const classes = path.join(buildDir, `classes-${hash.digest("hex").slice(0, 12)}`);
  if (fs.existsSync(path.join(classes, ".complete"))) return classes;
  fs.rmSync(classes, { recursive: true, force: true });
  await exec(path.join(javaBin, "javac"), ["-d", classes, "-cp", classpath, ...sources]);
  fs.writeFileSync(path.join(classes, ".complete"), "");
  return classes;
}
