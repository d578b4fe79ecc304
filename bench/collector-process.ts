import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { collectorBundle } from "../scripts/build-collector";
import { cpuSecondsFromStat, metricValue, peakRssFromStatus } from "./stats";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export type CollectorProcess = {
  pid: number;
  startedAt: number;
  /** Records Elasticsearch has acknowledged, from the collector's /metrics; null if unreachable. */
  recordsIndexed(): Promise<number | null>;
  /** The collector's /metrics text; empty if unreachable. */
  metrics(): Promise<string>;
  /** Peak resident set so far (VmHWM), in bytes; null where /proc is not available. */
  peakRss(): Promise<number | null>;
  /** CPU seconds (user + system) the process has used so far; null where /proc is not available. */
  cpuSeconds(): Promise<number | null>;
  /** The collector's last log lines, for a failure message. */
  lastLines(): string[];
  stop(): Promise<void>;
};

/**
 * Runs the real collector as production does, the bundle `buildCollector()` writes, in a process
 * of its own so that its memory is its own and its pid is ours for /proc.
 */
export function startCollectorProcess(
  env: Record<string, string>,
  port: number,
  /** Extra node options, e.g. `--cpu-prof` to see where the collector spends its time. */
  nodeArgs: string[] = [],
): CollectorProcess {
  const startedAt = performance.now();
  const args = [...nodeArgs, collectorBundle];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    // Several collectors may run at once: none takes the standard OTLP port.
    env: { ...process.env, CAUSEWAY_OTLP_PORT: "0", ...env, CAUSEWAY_COLLECTOR_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("could not start the collector");
  const pid = child.pid;
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 20));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let lastPeak: number | null = null;
  // Polled ten times a second, so only the one counter: rendering every metric (and asking the
  // broker for the Kafka gauges) that often would charge the collector's CPU for the bench.
  const metrics = async (names: string[] = []) => {
    try {
      const query = names.map((name) => `name[]=${encodeURIComponent(name)}`).join("&");
      const response = await fetch(`http://127.0.0.1:${port}/metrics${query ? `?${query}` : ""}`);
      return await response.text();
    } catch {
      return "";
    }
  };

  return {
    pid,
    startedAt,
    async recordsIndexed() {
      if (child.exitCode !== null) {
        throw new Error(`the collector exited (${child.exitCode}):\n${lines.join("\n")}`);
      }
      const name = "causeway_records_indexed_total";
      return metricValue(await metrics([name]), name);
    },
    metrics,
    async peakRss() {
      try {
        lastPeak = peakRssFromStatus(await readFile(`/proc/${pid}/status`, "utf8")) ?? lastPeak;
      } catch {
        // Gone or no /proc: the last reading stands.
      }
      return lastPeak;
    },
    async cpuSeconds() {
      try {
        return cpuSecondsFromStat(await readFile(`/proc/${pid}/stat`, "utf8"));
      } catch {
        return null;
      }
    },
    lastLines: () => [...lines],
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
