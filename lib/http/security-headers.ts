/**
 * The security headers on every response the app sends: pages, API answers, redirects and the
 * build's static assets. Pages get a Content-Security-Policy whose scripts must carry the
 * request's nonce (Next adds it to its own scripts when it finds the policy on the request);
 * everything else gets a policy that allows nothing, since a JSON answer or a script file is
 * never a document that should run or load anything.
 */

/** A nonce per page request: 16 random bytes, base64 (a CSP nonce-source). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export type PolicyOptions = {
  /** Development builds evaluate code for fast refresh; production never does. */
  development: boolean;
  https: boolean;
};

/**
 * The page policy. Scripts: only those carrying the nonce, and what they load ('strict-dynamic').
 * Styles keep 'unsafe-inline': React Flow and the timeline position nodes with style attributes,
 * which nonces cannot cover, and a style cannot run code.
 */
export function pagePolicy(nonce: string, options: PolicyOptions): string {
  const script = [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`];
  if (options.development) script.push(`'unsafe-eval'`);
  return directives([
    ["default-src", "'self'"],
    ["script-src", ...script],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(options.https ? [["upgrade-insecure-requests"]] : []),
  ]);
}

/** For API answers, redirects and assets: nothing may run or load, nor be framed. */
export const NON_DOCUMENT_POLICY = directives([
  ["default-src", "'none'"],
  ["frame-ancestors", "'none'"],
]);

function directives(list: string[][]): string {
  return list.map((d) => d.join(" ")).join("; ");
}

/** The headers besides the policy; HSTS only over https, where a browser honours it. */
export function securityHeaders(policy: string, https: boolean): Record<string, string> {
  return {
    "content-security-policy": policy,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
