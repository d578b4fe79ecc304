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

const npm = (command) =>
  spawnSync("npm", [command, "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" }).status;

if (!fs.existsSync(path.join(root, "node_modules", ".bin", "tsx"))) {
  console.log("node_modules is missing: installing the locked dependencies with npm ci.");
  if (npm("ci") !== 0) {
    // npm ci refuses a lock that lacks other platforms' optional binaries, as happens when the
    // lock was written against a registry mirror without them; npm install of the same lock
    // installs exactly the locked tree for this platform and leaves the lock as it is.
    console.log("npm ci refused the lock file; installing the same locked tree with npm install.");
    const status = npm("install");
    if (status !== 0) process.exit(status ?? 1);
  }
}

const tsx = path.join(root, "node_modules", ".bin", "tsx");
const result = spawnSync(tsx, [path.join(root, "scripts", `${script}.ts`)], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
