import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, redactedConfig } from "./config";

describe("loadConfig", () => {
  it("gives the documented defaults for an empty environment", () => {
    const config = loadConfig({});
    expect(config.kafkaBrokers).toEqual(["127.0.0.1:9092"]);
    expect(config.elasticsearchUrl).toBe("http://127.0.0.1:9200");
    expect(config.indexPrefix).toBe("causeway");
    expect(config.collectorGroup).toBe("causeway-collector");
    expect(config.topicPattern.test("__consumer_offsets")).toBe(false);
    expect(config.topicPattern.test("orders")).toBe(true);
    expect(config.refreshInterval).toBe("500ms");
    expect(config.otlpPort).toBe(4318);
  });

  it("splits a broker list", () => {
    expect(loadConfig({ KAFKA_BROKERS: "a:1, b:2" }).kafkaBrokers).toEqual(["a:1", "b:2"]);
  });

  it.each([
    ["KAFKA_BROKERS", "no-port"],
    ["ELASTICSEARCH_URL", "not a url"],
    ["CAUSEWAY_INDEX_PREFIX", "Upper"],
    ["CAUSEWAY_TOPICS", "(unclosed"],
    ["CAUSEWAY_RAW_MAX_BYTES", "12"],
    ["CAUSEWAY_BULK_IN_FLIGHT", "0"],
    ["CAUSEWAY_REFRESH_INTERVAL", "-1"],
    ["CAUSEWAY_REFRESH_INTERVAL", "1s, other"],
    ["CAUSEWAY_OTLP_PORT", "65536"],
  ])("rejects a bad %s with a sentence naming it", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it("never shows the Elasticsearch password in the redacted copy", () => {
    const config = loadConfig({ ELASTICSEARCH_URL: "https://elastic:s3cret@es.example:9200" });
    expect(JSON.stringify(redactedConfig(config))).not.toContain("s3cret");
  });
});

describe("CAUSEWAY_DLQ_WEBHOOK_URL and CAUSEWAY_PUBLIC_URL", () => {
  it("leave the webhook off and link to the local app by default", () => {
    expect(loadConfig({}).dlqWebhookUrl).toBeNull();
    expect(loadConfig({ CAUSEWAY_DLQ_WEBHOOK_URL: "" }).dlqWebhookUrl).toBeNull();
    expect(loadConfig({}).publicUrl).toBe("http://127.0.0.1:3000");
  });

  it("take http(s) URLs, the public one without its trailing slash", () => {
    const config = loadConfig({
      CAUSEWAY_DLQ_WEBHOOK_URL: "https://hooks.example/dlq?team=payments",
      CAUSEWAY_PUBLIC_URL: "https://causeway.example/",
    });
    expect(config.dlqWebhookUrl).toBe("https://hooks.example/dlq?team=payments");
    expect(config.publicUrl).toBe("https://causeway.example");
  });

  it.each([
    ["CAUSEWAY_DLQ_WEBHOOK_URL", "ftp://hooks.example/dlq"],
    ["CAUSEWAY_DLQ_WEBHOOK_URL", "hooks.example/dlq"],
    ["CAUSEWAY_PUBLIC_URL", "causeway.example"],
  ])("reject %s=%s with a sentence naming it", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it("never show the webhook's path or query, where chat services keep its secret", () => {
    const config = loadConfig({
      CAUSEWAY_DLQ_WEBHOOK_URL: "https://hooks.example/services/T000/B000/s3cret?token=t0ken",
    });
    const shown = JSON.stringify(redactedConfig(config));
    expect(shown).toContain("https://hooks.example/***");
    expect(shown).not.toContain("s3cret");
    expect(shown).not.toContain("t0ken");
  });
});

describe("CAUSEWAY_MAPPING_FILE", () => {
  const dir = mkdtempSync(join(tmpdir(), "causeway-mapping-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("defaults to no mapping", () => {
    expect(loadConfig({}).mappings).toEqual([]);
    expect(loadConfig({}).mappingFile).toBeNull();
  });

  it("loads a valid mapping file", () => {
    const path = file(
      "good.json",
      JSON.stringify({ mappings: [{ topic: "legacy.*", eventId: { header: "msg-id" } }] }),
    );
    const config = loadConfig({ CAUSEWAY_MAPPING_FILE: path });
    expect(config.mappings).toHaveLength(1);
    expect(config.mappings[0]?.topics.test("legacy.orders")).toBe(true);
  });

  it.each([
    ["missing.json", null, "cannot be read"],
    ["broken.json", "{ mappings: ", "is not JSON"],
    [
      "bad-path.json",
      JSON.stringify({ mappings: [{ topic: "a", eventId: { path: "$..id" } }] }),
      "mappings.0.eventId.path: not a JSON path",
    ],
  ])("rejects %s with a sentence naming the setting and the problem", (name, text, why) => {
    const path = text === null ? join(dir, name) : file(name, text);
    const load = () => loadConfig({ CAUSEWAY_MAPPING_FILE: path });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(`CAUSEWAY_MAPPING_FILE (${path}): ${why}`);
  });
});
