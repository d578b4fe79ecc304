import { readFileSync } from "node:fs";
import { z } from "zod";
import { AuthEnv, authConfig, type AuthConfig } from "./auth";
import { DEFAULT_REFRESH_INTERVAL } from "../elastic/refresh";
import { compileTopicGlobs, TOPIC_GLOB } from "../replay/target-topics";
import { compileMappings, type EnvelopeMapping, MappingError } from "../envelope/mapping";

/**
 * Every setting Causeway reads, from the environment, validated once per process. Each one is
 * documented in the README with its default.
 */
const Config = z.object({
  KAFKA_BROKERS: z
    .string()
    .default("127.0.0.1:9092")
    .transform((s) => s.split(",").map((b) => b.trim()))
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, "each broker must be host:port")).min(1)),
  ELASTICSEARCH_URL: z.url().default("http://127.0.0.1:9200"),
  CAUSEWAY_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "lowercase letters, digits, '-' and '_' only")
    .default("causeway"),
  CAUSEWAY_COLLECTOR_GROUP: z.string().min(1).default("causeway-collector"),
  CAUSEWAY_TOPICS: z.string().default("^(?!__).+").pipe(regexString()),
  CAUSEWAY_DLQ_PATTERN: z
    .string()
    .default("(^|[._-])(dlq|dlt|dead-letter)($|[._-])")
    .pipe(regexString()),
  CAUSEWAY_TOPIC_REFRESH_MS: z.coerce.number().int().min(1000).default(3_000),
  SCHEMA_REGISTRY_URL: z.url().optional(),
  SCHEMA_REGISTRY_USERNAME: z.string().min(1).optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().optional(),
  CAUSEWAY_SCHEMA_RETRY_MS: z.coerce.number().int().min(100).default(30_000),
  CAUSEWAY_RAW_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  CAUSEWAY_BULK_MAX_DOCS: z.coerce.number().int().min(1).default(1000),
  CAUSEWAY_BULK_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(2),
  CAUSEWAY_REFRESH_INTERVAL: z
    .string()
    .regex(/^[1-9]\d*(ms|s)$/, "must be a time such as 500ms or 1s")
    .default(DEFAULT_REFRESH_INTERVAL),
  CAUSEWAY_COLLECTOR_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  // The standard OTLP/HTTP port, so an OpenTelemetry exporter finds Causeway without settings.
  CAUSEWAY_OTLP_PORT: z.coerce.number().int().min(0).max(65535).default(4318),
  ...AuthEnv,
  CAUSEWAY_MAPPING_FILE: z.string().default(""),
  // Kafka brokers refuse session timeouts below 6 s by default.
  CAUSEWAY_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(30_000),
  CAUSEWAY_LAG_SAMPLE_MS: z.coerce.number().int().min(200).default(5_000),
  CAUSEWAY_LAG_WINDOW_MS: z.coerce.number().int().min(1_000).default(120_000),
  CAUSEWAY_LAG_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
  CAUSEWAY_REPLAY_RATE: z.coerce.number().min(0.1).max(1000).default(10),
  CAUSEWAY_REPLAY_TOPICS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(TOPIC_GLOB, "each entry is a topic name, in which * stands for any characters"),
      ),
    ),
  CAUSEWAY_FLOWSTATS_INTERVAL_MS: z.coerce.number().int().min(1000).default(300_000),
  CAUSEWAY_FLOWSTATS_WINDOW_HOURS: z.coerce.number().positive().default(24),
  CAUSEWAY_FLOWSTATS_MAX_EVENTS: z.coerce.number().int().min(1000).default(200_000),
  CAUSEWAY_LEARN_MIN_CHAINS: z.coerce.number().int().min(1).default(20),
  CAUSEWAY_MISSING_STEP_MIN_SHARE: z.coerce.number().gt(0).max(1).default(0.9),
  CAUSEWAY_OFFSETS_CACHE_MS: z.coerce.number().int().min(0).default(2_000),
  CAUSEWAY_DELIVERY_IGNORE_GROUPS: z.string().min(1).pipe(regexString()).optional(),
  // Empty counts as unset, so a compose file can leave the variable in place, switched off.
  CAUSEWAY_DLQ_WEBHOOK_URL: z.union([z.literal(""), httpUrl()]).optional(),
  CAUSEWAY_PUBLIC_URL: httpUrl()
    .default("http://127.0.0.1:3000")
    .transform((u) => u.replace(/\/+$/, "")),
});

function httpUrl() {
  return z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
}

function regexString() {
  return z.string().refine((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  }, "not a valid regular expression");
}

export type Config = {
  kafkaBrokers: string[];
  elasticsearchUrl: string;
  indexPrefix: string;
  collectorGroup: string;
  topicPattern: RegExp;
  dlqPattern: RegExp;
  topicRefreshMs: number;
  rawMaxBytes: number;
  bulkMaxDocs: number;
  /** Partitions indexed at once, each with one bulk request in flight. */
  bulkInFlight: number;
  /** How often Elasticsearch makes new events searchable (an Elasticsearch time, e.g. 500ms). */
  refreshInterval: string;
  collectorPort: number;
  /** Where the collector receives OTLP/HTTP traces (`POST /v1/traces` on 127.0.0.1). */
  otlpPort: number;
  auth: AuthConfig;
  /** The envelope mapping file, if any, and the mappings read from it. */
  mappingFile: string | null;
  mappings: EnvelopeMapping[];
  sessionTimeoutMs: number;
  lagSampleMs: number;
  lagWindowMs: number;
  lagRetentionDays: number;
  /** Most records per second a bulk replay produces. */
  replayRate: number;
  /** The only topics replays may produce to; null allows any but internal ones. */
  replayTopics: RegExp[] | null;
  flowStats: { intervalMs: number; windowMs: number; maxEvents: number };
  learn: { minChains: number; minFollowShare: number };
  offsetsCacheMs: number;
  /** Consumer groups that are not the user's consumers (other Causeway collectors), if any. */
  deliveryIgnoreGroups: RegExp | null;
  /** Where the collector POSTs the first dead letter of each new failure group; null is off. */
  dlqWebhookUrl: string | null;
  /** The app's address as users reach it, for links sent out of Causeway (no trailing slash). */
  publicUrl: string;
  /** Where wire-format records' schemas are read; null leaves them undecoded (flagged). */
  schemaRegistry: {
    url: string;
    username: string | null;
    password: string | null;
    /** How often records flagged for a missing schema are read again. */
    retryMs: number;
  } | null;
};

export class ConfigError extends Error {}

/** Parses the environment; throws one sentence per bad variable, naming it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration. ${lines.join("; ")}.`);
  }
  const c = parsed.data;
  const auth = authConfig(c);
  if (auth.issues.length > 0) {
    const lines = auth.issues.map(([name, message]) => `${name}: ${message}`);
    throw new ConfigError(`Invalid configuration. ${lines.join("; ")}.`);
  }
  return {
    kafkaBrokers: c.KAFKA_BROKERS,
    elasticsearchUrl: c.ELASTICSEARCH_URL,
    indexPrefix: c.CAUSEWAY_INDEX_PREFIX,
    collectorGroup: c.CAUSEWAY_COLLECTOR_GROUP,
    topicPattern: new RegExp(c.CAUSEWAY_TOPICS),
    dlqPattern: new RegExp(c.CAUSEWAY_DLQ_PATTERN, "i"),
    topicRefreshMs: c.CAUSEWAY_TOPIC_REFRESH_MS,
    schemaRegistry: c.SCHEMA_REGISTRY_URL
      ? {
          url: c.SCHEMA_REGISTRY_URL.replace(/\/+$/, ""),
          username: c.SCHEMA_REGISTRY_USERNAME ?? null,
          password: c.SCHEMA_REGISTRY_PASSWORD ?? null,
          retryMs: c.CAUSEWAY_SCHEMA_RETRY_MS,
        }
      : null,
    rawMaxBytes: c.CAUSEWAY_RAW_MAX_BYTES,
    bulkMaxDocs: c.CAUSEWAY_BULK_MAX_DOCS,
    bulkInFlight: c.CAUSEWAY_BULK_IN_FLIGHT,
    refreshInterval: c.CAUSEWAY_REFRESH_INTERVAL,
    collectorPort: c.CAUSEWAY_COLLECTOR_PORT,
    otlpPort: c.CAUSEWAY_OTLP_PORT,
    auth: auth.config,
    mappingFile: c.CAUSEWAY_MAPPING_FILE || null,
    mappings: c.CAUSEWAY_MAPPING_FILE ? loadMappings(c.CAUSEWAY_MAPPING_FILE) : [],
    sessionTimeoutMs: c.CAUSEWAY_SESSION_TIMEOUT_MS,
    lagSampleMs: c.CAUSEWAY_LAG_SAMPLE_MS,
    lagWindowMs: c.CAUSEWAY_LAG_WINDOW_MS,
    lagRetentionDays: c.CAUSEWAY_LAG_RETENTION_DAYS,
    replayRate: c.CAUSEWAY_REPLAY_RATE,
    replayTopics:
      c.CAUSEWAY_REPLAY_TOPICS.length > 0 ? compileTopicGlobs(c.CAUSEWAY_REPLAY_TOPICS) : null,
    flowStats: {
      intervalMs: c.CAUSEWAY_FLOWSTATS_INTERVAL_MS,
      windowMs: c.CAUSEWAY_FLOWSTATS_WINDOW_HOURS * 3_600_000,
      maxEvents: c.CAUSEWAY_FLOWSTATS_MAX_EVENTS,
    },
    learn: {
      minChains: c.CAUSEWAY_LEARN_MIN_CHAINS,
      minFollowShare: c.CAUSEWAY_MISSING_STEP_MIN_SHARE,
    },
    offsetsCacheMs: c.CAUSEWAY_OFFSETS_CACHE_MS,
    deliveryIgnoreGroups:
      c.CAUSEWAY_DELIVERY_IGNORE_GROUPS === undefined
        ? null
        : new RegExp(c.CAUSEWAY_DELIVERY_IGNORE_GROUPS),
    dlqWebhookUrl: c.CAUSEWAY_DLQ_WEBHOOK_URL || null,
    publicUrl: c.CAUSEWAY_PUBLIC_URL,
  };
}

function loadMappings(path: string): EnvelopeMapping[] {
  const fail = (why: string): never => {
    throw new ConfigError(`Invalid configuration. CAUSEWAY_MAPPING_FILE (${path}): ${why}.`);
  };
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    fail(`cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return compileMappings(json);
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    return fail(error.message);
  }
}

/** The configuration with nothing secret in it, for logs. */
export function redactedConfig(config: Config): Record<string, unknown> {
  const url = new URL(config.elasticsearchUrl);
  if (url.password) url.password = "***";
  return {
    ...config,
    elasticsearchUrl: url.toString(),
    topicPattern: config.topicPattern.source,
    dlqPattern: config.dlqPattern.source,
    auth: {
      ...config.auth,
      sessionSecret: config.auth.sessionSecret ? "***" : null,
      previousSessionSecret: config.auth.previousSessionSecret ? "***" : null,
      users: config.auth.users.map(({ username, role }) => ({ username, role })),
      apiTokens: config.auth.apiTokens.map(({ name, role }) => ({ name, role })),
      oidc: config.auth.oidc && {
        ...config.auth.oidc,
        clientSecret: config.auth.oidc.clientSecret ? "***" : null,
      },
    },
    mappings: config.mappings.length,
    deliveryIgnoreGroups: config.deliveryIgnoreGroups?.source ?? null,
    replayTopics: config.replayTopics?.map((pattern) => pattern.source) ?? null,
    // Chat webhooks carry their secret in the path and query: show only where they go.
    dlqWebhookUrl: config.dlqWebhookUrl && `${new URL(config.dlqWebhookUrl).origin}/***`,
    schemaRegistry: config.schemaRegistry && {
      ...config.schemaRegistry,
      password: config.schemaRegistry.password === null ? null : "***",
    },
  };
}
