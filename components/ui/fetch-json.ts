/**
 * The one way components read from the app's API: fetch, turn non-2xx into a typed error
 * carrying the server's `{error}` sentence, and validate the body against its schema.
 */
import { z } from "zod";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const ErrorBody = z.object({ error: z.string() });

export async function fetchJson<T>(url: string, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  return readBody(response, schema);
}

/** POSTs `body` as JSON; same error handling and validation as `fetchJson`. */
export async function postJson<T>(url: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return readBody(response, schema);
}

async function readBody<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(body);
    const message = parsed.success ? parsed.data.error : `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return schema.parse(body);
}

/** Failures that asking again cannot fix: the request or the response shape is wrong. */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 400 && error.status < 500;
  return error instanceof z.ZodError;
}
