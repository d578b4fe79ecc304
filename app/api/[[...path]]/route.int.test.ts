import { describe, expect, it } from "vitest";
import { apiFetch, appUrl } from "@/lib/testing/real-stack";

/** Unknown API paths, as a client sees them on the app `npm test` runs. */
async function errorOf(response: Response): Promise<string> {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return ((await response.json()) as { error: string }).error;
}

describe("an unknown /api path", () => {
  it.each(["/api/dlq/groups", "/api/nope", "/api/chains", "/api", "/api/search/deeper/still"])(
    "answers GET %s with JSON 404 {error}",
    async (path) => {
      const response = await apiFetch(path);
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toBe(
        `No API route at GET ${path}; README's API section lists them.`,
      );
    },
  );

  it.each(["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])(
    "answers %s with JSON 404 {error}",
    async (method) => {
      const response = await apiFetch("/api/nope/deeper", {
        method,
        role: "operator",
        headers: { origin: new URL(appUrl).origin },
      });
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatch(
        new RegExp(`^No API route at ${method} /api/nope/deeper;`),
      );
    },
  );

  it("answers HEAD with a JSON 404 and no body", async () => {
    const response = await apiFetch("/api/nope", { method: "HEAD" });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.text()).toBe("");
  });

  it("still answers 401 without a session or token", async () => {
    const response = await fetch(`${appUrl}/api/dlq/groups`);
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe("Sign in first.");
  });
});

describe("known routes beside the catch-all", () => {
  it("still answer for themselves", async () => {
    const search = await apiFetch("/api/search?q=");
    expect(search.status).toBe(400);
    expect(await errorOf(search)).toMatch(/^Bad search/);

    const group = await apiFetch("/api/dlq/groups/not%20a%20fingerprint/records");
    expect(group.status).toBe(400);
    expect(await errorOf(group)).toBe("Malformed group fingerprint.");

    const session = await apiFetch("/api/auth/session");
    expect(session.status).toBe(200);
  });
});
