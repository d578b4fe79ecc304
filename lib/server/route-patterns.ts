/**
 * The route a request path belongs to, as Next names it (`/api/chains/[correlationId]`), so
 * request metrics are labelled by route rather than by every correlation id ever asked for.
 * Read from the build's routes manifest, which lists each route and, for dynamic ones, the
 * regular expression Next itself matches them with.
 */
export type RoutesManifest = {
  staticRoutes: { page: string }[];
  dynamicRoutes: { page: string; regex: string }[];
};

export const ASSETS_ROUTE = "/_next/static";
export const UNKNOWN_ROUTE = "(unknown)";

export function routeMatcher(manifest: RoutesManifest): (pathname: string) => string {
  const exact = new Set(manifest.staticRoutes.map((r) => r.page));
  const dynamic = manifest.dynamicRoutes.map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
  return (pathname) => {
    if (pathname.startsWith(`${ASSETS_ROUTE}/`)) return ASSETS_ROUTE;
    const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    if (exact.has(path)) return path;
    return dynamic.find((r) => r.regex.test(path))?.page ?? UNKNOWN_ROUTE;
  };
}
