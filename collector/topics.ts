/** The topics the collector reads: those matching the configured pattern, never internal ones. */
export function collectableTopics(all: string[], pattern: RegExp): string[] {
  return all.filter((topic) => !topic.startsWith("__") && pattern.test(topic)).sort();
}

export function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((topic, i) => topic === b[i]);
}
