import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { StackError } from "./errors";

/** Starts a server process detached from ours, output to a log file; returns its pid. */
export function spawnDetached(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): number {
  const log = fs.openSync(options.logFile, "a");
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", log, log],
  });
  child.unref();
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  return child.pid;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readPid(pidFile: string): number | null {
  try {
    const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Stops a process group started by `spawnDetached`: TERM, then KILL after the grace period. */
export async function stopProcessGroup(pid: number, graceMs: number): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) signalGroup("SIGKILL");
  while (isAlive(pid)) await sleep(100);
}

export function isPortInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true; false once `timeoutMs` has passed or the process died. */
export async function waitUntil(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; pid?: number },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    if (options.pid !== undefined && !isAlive(options.pid)) return false;
    await sleep(500);
  }
  return false;
}

export function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export type ServerLaunch = {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  pidFile: string;
  ready: () => Promise<boolean>;
  timeoutMs: number;
};

/**
 * Starts a server detached, records its pid, and waits until `ready`; a server that dies or
 * never becomes ready is stopped and reported with the end of its log.
 */
export async function launchServer(launch: ServerLaunch): Promise<void> {
  const pid = spawnDetached(launch.command, launch.args, launch);
  fs.writeFileSync(launch.pidFile, String(pid));
  if (await waitUntil(launch.ready, { timeoutMs: launch.timeoutMs, pid })) return;
  await stopProcessGroup(pid, 5_000);
  fs.rmSync(launch.pidFile, { force: true });
  throw new StackError(
    `${launch.name} did not start within ${launch.timeoutMs / 1000} s; its log (${launch.logFile}) ends with:\n${tail(launch.logFile, 15)}`,
  );
}

/** Stops the server whose pid file this is; false when it was not running. */
export async function stopServer(pidFile: string, graceMs: number): Promise<boolean> {
  const pid = readPid(pidFile);
  if (pid === null) return false;
  await stopProcessGroup(pid, graceMs);
  fs.rmSync(pidFile, { force: true });
  return true;
}
