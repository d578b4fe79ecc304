import fs from "node:fs";

export type SuiteResult = {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  /** The runner exited 0 and ran at least one test. */
  ok: boolean;
};

type VitestJson = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
type PlaywrightJson = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
};

/** Reads the JSON report a runner wrote; a missing report counts as a failed suite. */
export function readResults(suite: string, file: string, exitCode: number): SuiteResult {
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const report = JSON.parse(fs.readFileSync(file, "utf8")) as VitestJson | PlaywrightJson;
    counts =
      "stats" in report
        ? {
            passed: report.stats.expected + report.stats.flaky,
            failed: report.stats.unexpected,
            skipped: report.stats.skipped,
          }
        : {
            passed: report.numPassedTests,
            failed: report.numFailedTests,
            skipped: report.numPendingTests + report.numTodoTests,
          };
  } catch {
    counts.failed = 1;
  }
  return { suite, ...counts, ok: exitCode === 0 && counts.passed > 0 && counts.failed === 0 };
}

/** Removes the indices and templates under a prefix a test run used, so runs never see each other's data. */
export async function deleteTestIndices(elasticsearchUrl: string, prefix: string): Promise<void> {
  await fetch(`${elasticsearchUrl}/${prefix}-*?expand_wildcards=all`, { method: "DELETE" });
  await fetch(`${elasticsearchUrl}/_index_template/${prefix}-*`, { method: "DELETE" });
}
