import { randomUUID } from "node:crypto";
import type { TopicMessages } from "kafkajs";
import { loadConfig, type Config } from "../config/config";
import { createKafka } from "../kafka/client";

/**
 * What integration tests share: the real stack's endpoints from the environment `npm test` sets,
 * and names unique to each test so tests never see each other's topics, groups or indices.
 */
export function uniqueName(label: string): string {
  return `cwint-${label}-${randomUUID().slice(0, 8)}`;
}

export function testConfig(overrides: Record<string, string>): Config {
  return loadConfig({
    ...process.env,
    CAUSEWAY_COLLECTOR_PORT: "0",
    CAUSEWAY_OTLP_PORT: "0",
    ...overrides,
  });
}

export const appUrl = process.env.CAUSEWAY_APP_URL ?? "http://127.0.0.1:3100";

/** Polls until `check` returns a value; throws with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`,
  );
}

export type TestRole = "viewer" | "operator" | "admin";

/**
 * Calls the app's API as a user of `role`, with the bearer token `npm test` configures for that
 * role (CAUSEWAY_TEST_TOKEN_VIEWER and so on), at `npm test`'s app unless `baseUrl` says another.
 */
export function apiFetch(
  path: string,
  init: RequestInit & { role?: TestRole; baseUrl?: string } = {},
): Promise<Response> {
  const { role = "viewer", headers, baseUrl = appUrl, ...rest } = init;
  const token = process.env[`CAUSEWAY_TEST_TOKEN_${role.toUpperCase()}`];
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return fetch(`${baseUrl}${path}`, { ...rest, headers: { ...auth, ...headersRecord(headers) } });
}

function headersRecord(headers: HeadersInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

/**
 * Produces each batch into the real broker, one after the other, so records land in the order
 * given (topics are created on first use).
 */
export async function produceInOrder(...batches: TopicMessages[]): Promise<void> {
  const producer = createKafka(testConfig({}).kafkaBrokers, "int-test-producer").producer({
    allowAutoTopicCreation: true,
  });
  await producer.connect();
  try {
    for (const batch of batches) await producer.send(batch);
  } finally {
    await producer.disconnect();
  }
}
