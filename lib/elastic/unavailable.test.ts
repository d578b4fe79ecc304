import { errors } from "@elastic/elasticsearch";
import { describe, expect, it } from "vitest";
import {
  getWithoutShard,
  indexNotFound,
  searchWithoutShard,
  stateNotRecovered,
  unknownQuery,
  writeWithoutShard,
} from "./__fixtures__/error-bodies";
import { IndexNotReady } from "./create-index";
import { RETRY_AFTER_SECONDS, unavailability } from "./unavailable";

/** The client's own error for an answer with this status and body. */
function responseError({ status, body }: { status: number; body: unknown }) {
  return new errors.ResponseError({
    body,
    statusCode: status,
    headers: {},
    warnings: null,
    meta: {} as never,
  });
}

describe("unavailability", () => {
  it.each([
    ["a search", searchWithoutShard],
    ["a get", getWithoutShard],
    ["a write", writeWithoutShard],
  ])("reads a shard not allocated yet in %s as unavailable", (_label, answer) => {
    expect(unavailability(responseError(answer))).toEqual({
      error:
        "An index's shard is not allocated yet (Elasticsearch may still be starting); try again shortly.",
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  });

  it("reads the same shard failure as unavailable whatever status it came with", () => {
    expect(unavailability(responseError({ ...searchWithoutShard, status: 500 }))).not.toBeNull();
  });

  it("reads any other 503, such as a node still starting, as unavailable", () => {
    expect(unavailability(responseError(stateNotRecovered))?.error).toBe(
      "Elasticsearch is unavailable; try again shortly.",
    );
  });

  it("reads a 429 as overloaded", () => {
    const overloaded = responseError({
      status: 429,
      body: { error: { type: "es_rejected_execution_exception" }, status: 429 },
    });
    expect(unavailability(overloaded)?.error).toBe(
      "Elasticsearch is overloaded; try again shortly.",
    );
  });

  it("names the index that did not become ready", () => {
    expect(unavailability(new IndexNotReady("cw-audit", "10s"))?.error).toBe(
      "Index cw-audit is not ready: its shard was not allocated within 10s. Elasticsearch may still be starting; try again shortly.",
    );
  });

  it.each([
    ["connection", new errors.ConnectionError("connect ECONNREFUSED 127.0.0.1:9200")],
    ["no living connection", new errors.NoLivingConnectionsError("none", {} as never)],
  ])("reads a %s error as unreachable", (_label, error) => {
    expect(unavailability(error)?.error).toBe("Elasticsearch is not reachable; try again shortly.");
  });

  it("reads a request timeout as unavailable", () => {
    expect(unavailability(new errors.TimeoutError("Request timed out"))?.error).toBe(
      "Elasticsearch did not answer in time; try again shortly.",
    );
  });

  it.each([
    ["a missing index", responseError(indexNotFound)],
    ["a malformed query", responseError(unknownQuery)],
    ["a 500 without a body", responseError({ status: 500, body: "oops" })],
    ["an error of our own", new Error("bug")],
    ["something thrown that is no error", "bug"],
  ])("leaves %s to the caller", (_label, error) => {
    expect(unavailability(error)).toBeNull();
  });
});
