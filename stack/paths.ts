import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the local stack keeps its state: `.causeway/` in the checkout (git-ignored). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const stateDir = path.join(repoRoot, ".causeway");
export const kafkaDir = path.join(stateDir, "kafka");
export const elasticsearchDir = path.join(stateDir, "elasticsearch");
export const mavenDir = path.join(repoRoot, "stack", "maven");
