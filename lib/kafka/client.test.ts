import { logLevel } from "kafkajs";
import { describe, expect, it } from "vitest";
import { collapsingLogCreator } from "./client";

describe("collapsingLogCreator", () => {
  it("writes a repeated kafkajs message once a minute, as a JSON line", () => {
    const lines: string[] = [];
    let clock = 0;
    const log = collapsingLogCreator(
      (line) => lines.push(line),
      () => clock,
    )(logLevel.ERROR);
    const entry = (message: string) => ({
      namespace: "Connection",
      level: logLevel.ERROR,
      label: "ERROR",
      log: { message, timestamp: "", broker: "127.0.0.1:9092" },
    });
    for (clock = 0; clock < 10_000; clock += 300) log(entry("Connection error: ECONNREFUSED"));
    log(entry("Request timed out"));
    clock = 61_000;
    log(entry("Connection error: ECONNREFUSED"));
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        level: "error",
        component: "kafkajs",
        message: "[Connection] Connection error: ECONNREFUSED",
        broker: "127.0.0.1:9092",
      }),
      expect.objectContaining({ message: "[Connection] Request timed out" }),
      expect.objectContaining({ message: "[Connection] Connection error: ECONNREFUSED" }),
    ]);
  });
});
