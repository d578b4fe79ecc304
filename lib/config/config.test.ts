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
  ])("rejects a bad %s with a sentence naming it", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it("never shows the Elasticsearch password in the redacted copy", () => {
    const config = loadConfig({ ELASTICSEARCH_URL: "https://elastic:s3cret@es.example:9200" });
    expect(JSON.stringify(redactedConfig(config))).not.toContain("s3cret");
  });
});
