import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The collector as it runs: one bundled ES module. Loaded through tsx, the TypeScript sources and
 * the hundreds of files of the Elasticsearch client took about 1.4 s before the collector did
 * anything; the bundle loads in about 0.4 s, which every restart and rebalance waits for.
 */
export const collectorBundle = path.join(repoRoot, "dist", "collector.mjs");

export async function buildCollector(): Promise<void> {
  await build({
    absWorkingDir: repoRoot,
    entryPoints: ["collector/main.ts"],
    outfile: collectorBundle,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // Bundled CommonJS packages call require(), which an ES module does not have.
    banner: {
      js: 'import { createRequire as createRequireForBundle } from "node:module"; const require = createRequireForBundle(import.meta.url);',
    },
    sourcemap: "linked",
    logLevel: "warning",
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildCollector();
}
