import { requireRole } from "../_http/auth";
import { errorResponse } from "../_http/responses";

export const dynamic = "force-dynamic";

/**
 * Every `/api/*` path no route claims answers JSON, as the rest of the API does, instead of
 * Next's HTML 404 page. Next prefers any more specific route, so this only sees unknown paths.
 */
async function unknownRoute(request: Request): Promise<Response> {
  const principal = await requireRole(request, "viewer");
  if (principal instanceof Response) return principal;
  const { pathname } = new URL(request.url);
  return errorResponse(
    404,
    `No API route at ${request.method} ${pathname}; README's API section lists them.`,
  );
}

export const GET = unknownRoute;
export const HEAD = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
export const OPTIONS = unknownRoute;
