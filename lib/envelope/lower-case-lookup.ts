/**
 * A case-insensitive lookup by lower-case name in records of headers. Decoders finish one Kafka
 * record before the next, so keeping the index of the last record asked about serves all of a
 * record's lookups; a WeakMap entry per record cost about a tenth of decoding. Most records name
 * their headers in lower case already: those are looked up in place, with no index to build.
 */
export function lowerCaseLookup<T>(): (
  entries: Record<string, T>,
  lowerCaseName: string,
) => T | undefined {
  let last: Record<string, T> | null = null;
  let index: Map<string, T> | null = null;
  return (entries, lowerCaseName) => {
    if (entries !== last) {
      index = allLowerCase(entries) ? null : indexByLowerCase(entries);
      last = entries;
    }
    if (index) return index.get(lowerCaseName);
    return Object.hasOwn(entries, lowerCaseName) ? entries[lowerCaseName] : undefined;
  };
}

/** Names that lower-casing leaves as they are; checked without making a lower-cased copy. */
const LOWER_CASE_NAME = /^[a-z0-9_.:-]*$/;

function allLowerCase(entries: Record<string, unknown>): boolean {
  for (const name in entries) {
    if (Object.hasOwn(entries, name) && !LOWER_CASE_NAME.test(name)) return false;
  }
  return true;
}

function indexByLowerCase<T>(entries: Record<string, T>): Map<string, T> {
  const index = new Map<string, T>();
  for (const [name, value] of Object.entries(entries)) index.set(name.toLowerCase(), value);
  return index;
}
