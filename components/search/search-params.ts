/** The search page's URL parameters, read and written in one place by the forms and the page. */
export type SearchInput = { q: string; from: string | null; to: string | null };

export function readSearchParams(params: URLSearchParams): SearchInput {
  return { q: params.get("q") ?? "", from: params.get("from"), to: params.get("to") };
}

export function searchHref({ q, from, to }: SearchInput): string {
  const params = new URLSearchParams({ q });
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  return `/search?${params.toString()}`;
}

/** `<input type="datetime-local">` speaks local time without a zone; the API wants ISO. */
export function localInputToIso(value: string): string | null {
  if (value === "") return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
