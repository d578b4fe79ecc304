import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

/**
 * Writes lib/spans/otlp-trace-proto.json: the OTLP trace messages as a protobufjs descriptor,
 * parsed from the official opentelemetry-proto definitions. The current npm OTLP packages
 * encode with hand-written code and ship no decoder; the definitions ship in the
 * opentelemetry-proto artifact on Maven Central, which this fetches with mvn.
 * Run with `npx tsx scripts/otlp-proto.ts` after changing PROTO_VERSION.
 */
const PROTO_VERSION = "1.11.0-alpha";
const artifact = `io.opentelemetry.proto:opentelemetry-proto:${PROTO_VERSION}`;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const output = path.join(repoRoot, "lib", "spans", "otlp-trace-proto.json");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "otlp-proto-"));
try {
  execFileSync(
    "mvn",
    ["-q", "dependency:copy", `-Dartifact=${artifact}`, `-DoutputDirectory=${work}`],
    { stdio: "inherit" },
  );
  const jar = path.join(work, `opentelemetry-proto-${PROTO_VERSION}.jar`);
  execFileSync("unzip", ["-q", "-o", jar, "opentelemetry/proto/*", "-d", work]);
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => path.join(work, target);
  root.loadSync("opentelemetry/proto/collector/trace/v1/trace_service.proto");
  root.resolveAll();
  const descriptor = { source: artifact, nested: root.toJSON().nested };
  fs.writeFileSync(output, `${JSON.stringify(descriptor)}\n`);
  execFileSync(path.join(repoRoot, "node_modules", ".bin", "prettier"), ["--write", output]);
  console.log(`wrote ${path.relative(repoRoot, output)} from ${artifact}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
