import { createSerializer, parseAsString, useQueryStates } from "nuqs";

/**
 * The search page's URL parameters, declared once for the page that reads them and the forms
 * that link to it. `from` and `to` stay strings: the API checks them and says what is wrong.
 */
const searchParsers = {
  q: parseAsString.withDefault(""),
  from: parseAsString,
  to: parseAsString,
};
export type SearchInput = { q: string; from: string | null; to: string | null };

export function useSearchInput(): SearchInput {
  const [input] = useQueryStates(searchParsers);
  return input;
}

export const searchHref = createSerializer(searchParsers).bind(null, "/search");

/** `<input type="datetime-local">` speaks local time without a zone; the API wants ISO. */
export function localInputToIso(value: string): string | null {
  if (value === "") return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
