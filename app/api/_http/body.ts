import type { z } from "zod";
import { errorResponse } from "./responses";

const MAX_BODY_BYTES = 2 << 20;

/** The request's JSON body validated by `schema`, or a 4xx saying what was wrong. */
export async function parseBody<T>(
  request: Request,
  schema: z.ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    return { ok: false, response: errorResponse(415, "Send the body as application/json.") };
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) {
    return { ok: false, response: errorResponse(413, "The body is larger than 2 MB.") };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: errorResponse(400, "The body is not valid JSON.") };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return {
      ok: false,
      response: errorResponse(400, `Invalid request: ${where}${issue?.message}.`),
    };
  }
  return { ok: true, value: parsed.data };
}

/** Search parameters validated by `schema`, or a 400. */
export function parseQuery<T>(
  request: Request,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; response: Response } {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      response: errorResponse(
        400,
        `Invalid ${issue?.path.join(".") || "query"}: ${issue?.message}.`,
      ),
    };
  }
  return { ok: true, value: parsed.data };
}
