/**
 * A case-insensitive lookup by lower-case name in records of headers. Decoders finish one Kafka
 * record before the next, so keeping the index of the last record asked about serves all of a
 * record's lookups; a WeakMap entry per record cost about a tenth of decoding.
 */
export function lowerCaseLookup<T>(): (
  entries: Record<string, T>,
  lowerCaseName: string,
) => T | undefined {
  let last: Record<string, T> | null = null;
  let index = new Map<string, T>();
  return (entries, lowerCaseName) => {
    if (entries !== last) {
      index = new Map();
      for (const [name, value] of Object.entries(entries)) index.set(name.toLowerCase(), value);
      last = entries;
    }
    return index.get(lowerCaseName);
  };
}
