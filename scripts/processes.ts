import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { repoRoot } from "../stack/paths";

export type Started = { name: string; child: ChildProcess; exited: Promise<number | null> };

/**
 * Starts one of our own processes (collector, demo, app). Output goes to `logFile` when given,
 * else line by line to `onLine`.
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: Record<string, string>; logFile?: string; onLine?: (line: string) => void },
): Started {
  const out = options.logFile ? fs.openSync(options.logFile, "a") : "pipe";
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", out, out],
  });
  if (typeof out === "number") fs.closeSync(out);
  for (const stream of [child.stdout, child.stderr]) {
    if (stream && options.onLine) {
      readline.createInterface({ input: stream }).on("line", options.onLine);
    }
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { name, child, exited };
}

export const bin = (tool: string) => path.join(repoRoot, "node_modules", ".bin", tool);

/** Runs a command to completion with inherited output; resolves to its exit code. */
export function run(
  command: string,
  args: string[],
  env?: Record<string, string>,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Stops processes in the order given: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopAll(processes: Started[], graceMs = 15_000): Promise<void> {
  for (const { child, exited } of processes) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Polls a URL until it answers 2xx; false after `timeoutMs` or if `process` exits first. */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  started?: Started,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started && started.child.exitCode !== null) return false;
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}
