import { z } from "zod";
import type { RegisteredVersion } from "./registered-version";

/** Where the registry is and how to sign in to it; the part of RegistrySettings HTTP needs. */
export type RegistryEndpoint = { url: string; username: string | null; password: string | null };

/** Basic auth for the registry, when a username is configured. */
export function registryHeaders({ username, password }: RegistryEndpoint): Record<string, string> {
  if (username === null) return {};
  const token = Buffer.from(`${username}:${password ?? ""}`).toString("base64");
  return { authorization: `Basic ${token}` };
}

const VersionBody = z.object({
  subject: z.string(),
  version: z.number().int(),
  id: z.number().int(),
  schemaType: z.string().optional(),
});

async function getJson(endpoint: RegistryEndpoint, path: string): Promise<unknown> {
  const response = await fetch(`${endpoint.url}${path}`, {
    headers: registryHeaders(endpoint),
    signal: AbortSignal.timeout(3_000),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

/**
 * Every version registered under `subject`, oldest first. The schema registry client library
 * decodes and encodes but does not list versions, so this reads the Confluent REST API
 * (`/subjects/{subject}/versions`) that every compatible registry serves.
 */
export async function registeredVersions(
  endpoint: RegistryEndpoint,
  subject: string,
): Promise<RegisteredVersion[]> {
  const base = `/subjects/${encodeURIComponent(subject)}/versions`;
  const numbers = z.array(z.number().int()).parse(await getJson(endpoint, base));
  const bodies = await Promise.all(
    numbers.map(async (n) => VersionBody.parse(await getJson(endpoint, `${base}/${n}`))),
  );
  return bodies
    .map((body) => ({ ...body, schemaType: body.schemaType ?? "AVRO" }))
    .sort((a, b) => a.version - b.version);
}
