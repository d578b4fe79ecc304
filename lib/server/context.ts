import type { Client } from "@elastic/elasticsearch";
import { loadConfig, type Config } from "../config/config";
import { createElasticsearch } from "../elastic/client";

export type ServerContext = { config: Config; es: Client };

let context: ServerContext | undefined;

/**
 * The app server's configuration and clients, built once per process on first use so that
 * `next build` does not need a running stack.
 */
export function serverContext(): ServerContext {
  if (!context) {
    const config = loadConfig(process.env);
    context = { config, es: createElasticsearch(config.elasticsearchUrl) };
  }
  return context;
}
