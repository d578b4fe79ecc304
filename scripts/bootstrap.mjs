// `npm start` and `npm test` on a fresh clone: install the locked dependencies when
// node_modules is missing (tsx lives there), then hand over to the TypeScript script.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const script = process.argv[2];
if (script !== "start" && script !== "test") {
  console.error("usage: node scripts/bootstrap.mjs start|test");
  process.exit(2);
}
if (!fs.existsSync(path.join(root, "node_modules", ".bin", "tsx"))) {
  console.log("node_modules is missing: running npm ci once.");
  const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
    cwd: root,
    stdio: "inherit",
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const result = spawnSync(tsx, [path.join(root, "scripts", `${script}.ts`)], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
