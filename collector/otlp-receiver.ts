import type { Client } from "@elastic/elasticsearch";
import http from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { indexSpans } from "@/lib/elastic/spans";
import { errorMessage, type Logger } from "@/lib/log";
import { messagingSpansAndAncestors, WantedParents } from "@/lib/spans/messaging-spans";
import { decodeOtlpJson, decodeOtlpProtobuf, OtlpDecodeError } from "@/lib/spans/otlp-decode";
import type { Span } from "@/lib/spans/span";

export type OtlpReceiverDeps = {
  port: number;
  es: Client;
  indexPrefix: string;
  log: Logger;
  /** Writes wait for it: the spans template must exist before the first write makes an index. */
  writesAfter?: Promise<unknown>;
};

/** Larger than any export batch an SDK or the OpenTelemetry Collector sends by default. */
const MAX_BODY_BYTES = 16 << 20;

const gunzip = promisify(zlib.gunzip);
const retryAfter = { "retry-after": "5" };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * OTLP/HTTP trace receiver: `POST /v1/traces` with a protobuf or JSON export request. It keeps
 * the messaging spans and answers 200 only once Elasticsearch has them, so an exporter retries
 * (on 503) rather than losing spans; a body that is not an export request gets 400.
 */
export function startOtlpReceiver(deps: OtlpReceiverDeps): Promise<http.Server> {
  const writesAfter = deps.writesAfter ?? Promise.resolve();
  const wanted = new WantedParents();
  const server = http.createServer((request, response) => {
    void receive(request)
      .then(({ json }) => {
        // An empty ExportTraceServiceResponse: full success.
        if (json) answer(response, 200, {});
        else {
          response.writeHead(200, { "content-type": "application/x-protobuf" });
          response.end();
        }
      })
      .catch((error: unknown) => {
        if (error instanceof HttpError) {
          answer(response, error.status, { error: error.message });
          return;
        }
        // Elasticsearch refused or is away: OTLP exporters retry a 503 after Retry-After.
        deps.log.warn("spans not indexed; the exporter will retry", { error: errorMessage(error) });
        answer(response, 503, { error: "the spans could not be stored; retry" }, retryAfter);
      });
  });

  const receive = async (request: http.IncomingMessage): Promise<{ json: boolean }> => {
    if (request.url?.split("?")[0] !== "/v1/traces") {
      throw new HttpError(404, "not found: traces are received at POST /v1/traces");
    }
    if (request.method !== "POST") throw new HttpError(405, "use POST for /v1/traces");
    const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-protobuf" && type !== "application/json") {
      throw new HttpError(415, "send application/x-protobuf or application/json");
    }
    const body = await readBody(request);
    const spans = decode(type === "application/json", body);
    const kept = messagingSpansAndAncestors(spans, wanted);
    await writesAfter;
    await indexSpans(deps.es, deps.indexPrefix, kept);
    return { json: type === "application/json" };
  };

  return new Promise((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new Error(
          `the OTLP receiver cannot listen on 127.0.0.1:${deps.port} (CAUSEWAY_OTLP_PORT): ${errorMessage(error)}`,
        ),
      ),
    );
    server.listen(deps.port, "127.0.0.1", () => resolve(server));
  });
}

function decode(json: boolean, body: Buffer): Span[] {
  try {
    return json ? decodeOtlpJson(body.toString("utf8")) : decodeOtlpProtobuf(body);
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw new HttpError(400, error.message);
    throw error;
  }
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
    throw new HttpError(413, `the body is over ${MAX_BODY_BYTES} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  const encoding = (request.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding === "identity") return body;
  if (encoding !== "gzip")
    throw new HttpError(415, `content-encoding ${encoding} is not supported`);
  try {
    return await gunzip(body, { maxOutputLength: MAX_BODY_BYTES });
  } catch {
    throw new HttpError(400, "the body is not valid gzip, or unpacks to over the limit");
  }
}

function answer(
  response: http.ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}
