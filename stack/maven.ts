import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { StackError } from "./errors";
import { findMaven } from "./tools";

/**
 * Resolves a pom's dependencies into ~/.m2 (downloading once) and returns their file paths.
 * The result is cached in `cacheFile`; a cache whose files have vanished is resolved again.
 */
export function resolveDependencies(pom: string, cacheFile: string): string[] {
  const cached = readCache(cacheFile);
  if (cached) return cached;
  const mvn = findMaven();
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  const result = spawnSync(
    mvn,
    ["-B", "-q", "-f", pom, "dependency:build-classpath", `-Dmdep.outputFile=${cacheFile}`],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10 * 60_000 },
  );
  const resolved = result.status === 0 ? readCache(cacheFile) : null;
  if (!resolved) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-5);
    throw new StackError(
      `Maven could not fetch ${path.basename(pom)} from Maven Central (is it reachable?): ${output.join(" ")}`,
    );
  }
  return resolved;
}

function readCache(cacheFile: string): string[] | null {
  if (!fs.existsSync(cacheFile)) return null;
  const files = fs.readFileSync(cacheFile, "utf8").trim().split(path.delimiter).filter(Boolean);
  return files.length > 0 && files.every((f) => fs.existsSync(f)) ? files : null;
}
