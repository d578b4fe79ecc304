import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CollectorMetrics } from "@/collector/metrics";
import { metricsRegistry, setLagGauges } from "@/lib/server/app-metrics";

/**
 * The alert rules and the Grafana dashboard in docs/ name metrics by hand: each name must be one
 * the collector or the app really exposes, so renaming a metric cannot silently break them.
 */
const docs = path.resolve(import.meta.dirname, "../docs");
const files = ["prometheus/causeway-alerts.yml", "grafana/causeway-dashboard.json"];

function exposedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    const name = /^# TYPE (\S+) (\w+)/.exec(line);
    if (!name?.[1]) continue;
    names.add(name[1]);
    if (name[2] === "histogram")
      for (const s of ["_bucket", "_sum", "_count"]) names.add(name[1] + s);
  }
  return names;
}

describe("the monitoring files in docs/", () => {
  it("name only metrics the collector or the app exposes", async () => {
    setLagGauges({
      generatedAt: new Date().toISOString(),
      windowMs: 1,
      sampleMs: 1,
      rows: [],
    });
    const exposed = new Set([
      ...exposedNames((await new CollectorMetrics().expose(null)).body),
      ...exposedNames(await metricsRegistry.metrics()),
    ]);
    for (const file of files) {
      const text = readFileSync(path.join(docs, file), "utf8");
      const named = [...new Set(text.match(/\bcauseway_[a-z_]+\b/g) ?? [])];
      expect(named.length, file).toBeGreaterThanOrEqual(3);
      expect(
        named.filter((name) => !exposed.has(name)),
        file,
      ).toEqual([]);
    }
  });

  it("is a dashboard Grafana can import: every panel has a query", () => {
    const dashboard = JSON.parse(
      readFileSync(path.join(docs, "grafana/causeway-dashboard.json"), "utf8"),
    ) as { uid: string; panels: { title: string; targets: { expr: string }[] }[] };
    expect(dashboard.uid).toBe("causeway");
    for (const panel of dashboard.panels) expect(panel.targets[0]?.expr, panel.title).toBeTruthy();
  });
});
