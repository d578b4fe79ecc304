import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { StackError } from "./errors";

function which(command: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** The JDK both servers run on: JAVA_HOME if set, else the `java` on PATH. Needs Java 17+. */
export function findJavaHome(): string {
  const fromEnv = process.env.JAVA_HOME;
  const javaBin = fromEnv ? path.join(fromEnv, "bin", "java") : which("java");
  if (!javaBin || !fs.existsSync(javaBin)) {
    throw new StackError(
      "No Java found: install a JDK 17 or newer (for example `apt-get install openjdk-17-jdk-headless`) or set JAVA_HOME.",
    );
  }
  const javaHome = path.dirname(path.dirname(fs.realpathSync(javaBin)));
  const probe = spawnSync(
    path.join(javaHome, "bin", "java"),
    ["-XshowSettings:properties", "-version"],
    {
      encoding: "utf8",
    },
  );
  const major = Number(/java\.specification\.version = (\d+)/.exec(probe.stderr ?? "")?.[1] ?? "0");
  if (major < 17) {
    throw new StackError(
      `Java at ${javaHome} is version ${major}; Kafka and Elasticsearch need 17 or newer: install one or set JAVA_HOME.`,
    );
  }
  return javaHome;
}

export function findMaven(): string {
  const mvn = which("mvn");
  if (!mvn) {
    throw new StackError(
      "No `mvn` found: install Maven (for example `apt-get install maven`); it fetches Kafka and Elasticsearch from Maven Central.",
    );
  }
  return mvn;
}
