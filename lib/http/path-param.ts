/**
 * Next hands a page its params percent-encoded but, since 16.2, hands generateMetadata the
 * decoded value; decoding leniently gives both the value as typed, and a lone `%` survives.
 */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
