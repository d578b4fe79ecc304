import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

/**
 * A second instance of the built app, for tests that need it configured differently from the
 * one `npm test` runs (trusted-proxy mode, a missing secret). Serves the same `.next` build.
 */
export type AppServer = { port: number; output: () => string; stop(): Promise<void> };

const repoRoot = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `scripts/serve-app.ts` with `env` added to (or, for undefined, removed from) ours. */
export function spawnApp(
  port: number,
  env: Record<string, string | undefined>,
  args: string[] = [],
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, ...env })) {
    if (value !== undefined) merged[name] = value;
  }
  const child = spawn(
    path.join(repoRoot, "node_modules", ".bin", "tsx"),
    ["scripts/serve-app.ts", "-p", String(port), ...args],
    { cwd: repoRoot, env: merged as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, output: () => output, exited };
}

/**
 * Starts the app and waits until it answers. `port` is for tests that must name the app's URL
 * before it starts (an OpenID Connect redirect URL registered with the provider).
 */
export async function startApp(
  env: Record<string, string | undefined>,
  timeoutMs = 90_000,
  port?: number,
): Promise<AppServer> {
  port ??= await freePort();
  const app = spawnApp(port, env);
  let exitCode: number | null | undefined;
  void app.exited.then((code) => (exitCode = code ?? -1));
  const stop = async () => {
    if (exitCode === undefined) {
      app.child.kill("SIGTERM");
      const timer = setTimeout(() => app.child.kill("SIGKILL"), 10_000);
      await app.exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && exitCode === undefined) {
    const answered = await fetch(`http://127.0.0.1:${port}/login`, { redirect: "manual" })
      .then(() => true)
      .catch(() => false);
    if (answered) return { port, output: app.output, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the app did not start on port ${port}: ${app.output()}`);
}
