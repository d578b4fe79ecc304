import type { NextConfig } from "next";
import { NON_DOCUMENT_POLICY, securityHeaders } from "./lib/http/security-headers";

// The paths proxy.ts does not see (its matcher leaves out the build's static files), when Next
// serves them itself rather than the app server's in-memory assets.
const unproxied = ["/_next/static/:path*", "/_next/image", "/favicon.ico"];

const nextConfig: NextConfig = {
  // Kafka and Elasticsearch clients run only on the server and must not be bundled; the metrics
  // registry must be one instance for every route.
  serverExternalPackages: ["kafkajs", "@elastic/elasticsearch", "prom-client"],
  poweredByHeader: false,
  headers: async () =>
    unproxied.map((source) => ({
      source,
      headers: Object.entries(securityHeaders(NON_DOCUMENT_POLICY, false)).map(([key, value]) => ({
        key,
        value,
      })),
    })),
};

export default nextConfig;
