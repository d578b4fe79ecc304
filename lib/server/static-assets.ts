import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { servedOverHttps } from "../auth/cookies";
import { NON_DOCUMENT_POLICY, securityHeaders } from "../http/security-headers";

/**
 * Next's build assets (`/_next/static/…`) served from memory, gzipped once. Their names carry a
 * content hash, so they never change under a name. Next itself compresses each on every request:
 * on the chain page that is ~100 ms of the one server thread per load, spent while the same
 * thread builds the chain answer the page is waiting for.
 */
function forwardedProto(req: IncomingMessage): Headers {
  const proto = req.headers["x-forwarded-proto"];
  return new Headers(proto ? { "x-forwarded-proto": String(proto) } : {});
}

export const STATIC_PREFIX = "/_next/static/";

const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
};
/** Already compressed formats gain nothing from gzip. */
const COMPRESSIBLE = new Set([".js", ".css", ".json", ".map", ".svg", ".txt"]);

/** The file under `staticDir` a request path names, or null for anything outside it or odd. */
export function assetFile(staticDir: string, urlPath: string): string | null {
  if (!urlPath.startsWith(STATIC_PREFIX)) return null;
  const rest = urlPath.slice(STATIC_PREFIX.length).split("?")[0] ?? "";
  let relative: string;
  try {
    relative = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (relative === "" || relative.includes("\0")) return null;
  const file = path.resolve(staticDir, relative);
  return file.startsWith(staticDir + path.sep) && CONTENT_TYPES[path.extname(file)] !== undefined
    ? file
    : null;
}

/** Whether an `accept-encoding` header allows gzip (not refused with `q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? "").split(",").some((part) => {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

type Asset = { type: string; body: Buffer; gzipped: Buffer | null };

/**
 * Returns a handler that answers `GET`/`HEAD` for existing build assets and returns false for
 * everything else, which then goes to Next (so a missing asset gets Next's own 404).
 */
export function staticAssets(staticDir: string) {
  const root = path.resolve(staticDir);
  const cache = new Map<string, Promise<Asset | null>>();
  const load = (file: string): Promise<Asset | null> => {
    let asset = cache.get(file);
    if (!asset) {
      asset = readFile(file).then(
        (body): Asset => ({
          type: CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
          body,
          gzipped: COMPRESSIBLE.has(path.extname(file)) ? gzipSync(body, { level: 9 }) : null,
        }),
        () => null,
      );
      cache.set(file, asset);
    }
    return asset;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const file = assetFile(root, req.url ?? "");
    if (!file) return false;
    const asset = await load(file);
    if (!asset) {
      cache.delete(file);
      return false;
    }
    const gzip = asset.gzipped !== null && acceptsGzip(req.headers["accept-encoding"]);
    const body = gzip && asset.gzipped ? asset.gzipped : asset.body;
    // This server speaks plain http: https can only be a TLS-terminating proxy's word.
    const https = servedOverHttps("http:", forwardedProto(req));
    res.writeHead(200, {
      ...securityHeaders(NON_DOCUMENT_POLICY, https),
      "content-type": asset.type,
      "content-length": body.length,
      "cache-control": "public, max-age=31536000, immutable",
      vary: "Accept-Encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}
